package dev.sluice.sql.expressions;

import dev.sluice.expr.window.WindowFrame;
import dev.sluice.sql.Column;
import java.util.List;

/** Entry points for window definitions, as Spark's {@code Window}: {@code Window.orderBy("end").rowsBetween(...)}. */
public final class Window {
    private Window() {
    }

    public static WindowSpec partitionBy(String colName, String... colNames) {
        return empty().partitionBy(colName, colNames);
    }

    public static WindowSpec partitionBy(Column... cols) {
        return empty().partitionBy(cols);
    }

    public static WindowSpec orderBy(String colName, String... colNames) {
        return empty().orderBy(colName, colNames);
    }

    public static WindowSpec orderBy(Column... cols) {
        return empty().orderBy(cols);
    }

    public static WindowSpec rowsBetween(long start, long end) {
        return empty().rowsBetween(start, end);
    }

    public static WindowSpec rangeBetween(long start, long end) {
        return empty().rangeBetween(start, end);
    }

    public static long unboundedPreceding() {
        return WindowFrame.UNBOUNDED_PRECEDING;
    }

    public static long unboundedFollowing() {
        return WindowFrame.UNBOUNDED_FOLLOWING;
    }

    public static long currentRow() {
        return WindowFrame.CURRENT_ROW;
    }

    private static WindowSpec empty() {
        return new WindowSpec(List.of(), List.of(), null);
    }

    static Column[] columns(String first, String... rest) {
        Column[] cols = new Column[rest.length + 1];
        cols[0] = new Column(first);
        for (int i = 0; i < rest.length; i++) {
            cols[i + 1] = new Column(rest[i]);
        }
        return cols;
    }
}
