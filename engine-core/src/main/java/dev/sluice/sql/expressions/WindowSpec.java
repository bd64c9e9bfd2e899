package dev.sluice.sql.expressions;

import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.window.WindowFrame;
import dev.sluice.sql.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * A window definition: partitioning, ordering and frame, as Spark's {@code WindowSpec}. Immutable: every
 * method returns a new spec. Frame offsets use {@link Window#unboundedPreceding()},
 * {@link Window#currentRow()}, {@link Window#unboundedFollowing()} or row counts.
 */
public final class WindowSpec {
    private final List<Expression> partitionSpec;
    private final List<SortOrder> orderSpec;
    private final WindowFrame frame;

    WindowSpec(List<Expression> partitionSpec, List<SortOrder> orderSpec, WindowFrame frame) {
        this.partitionSpec = List.copyOf(partitionSpec);
        this.orderSpec = List.copyOf(orderSpec);
        this.frame = frame;
    }

    public WindowSpec partitionBy(String colName, String... colNames) {
        return partitionBy(Window.columns(colName, colNames));
    }

    public WindowSpec partitionBy(Column... cols) {
        List<Expression> exprs = new ArrayList<>();
        for (Column c : cols) {
            exprs.add(c.expr());
        }
        return new WindowSpec(exprs, orderSpec, frame);
    }

    public WindowSpec orderBy(String colName, String... colNames) {
        return orderBy(Window.columns(colName, colNames));
    }

    public WindowSpec orderBy(Column... cols) {
        List<SortOrder> orders = new ArrayList<>();
        for (Column c : cols) {
            orders.add(c.expr() instanceof SortOrder s ? s : SortOrder.of(c.expr(), true));
        }
        return new WindowSpec(partitionSpec, orders, frame);
    }

    /** A ROWS frame between two offsets relative to the current row. */
    public WindowSpec rowsBetween(long start, long end) {
        return new WindowSpec(partitionSpec, orderSpec, new WindowFrame(true, start, end));
    }

    /** A RANGE frame; only unbounded and current-row bounds are supported. */
    public WindowSpec rangeBetween(long start, long end) {
        if ((start != Window.unboundedPreceding() && start != Window.currentRow())
                || (end != Window.unboundedFollowing() && end != Window.currentRow())) {
            throw new UnsupportedOperationException("RANGE frames with value offsets are not supported yet;"
                    + " use unboundedPreceding/currentRow/unboundedFollowing or rowsBetween");
        }
        return new WindowSpec(partitionSpec, orderSpec, new WindowFrame(false, start, end));
    }

    public List<Expression> partitionSpec() {
        return partitionSpec;
    }

    public List<SortOrder> orderSpec() {
        return orderSpec;
    }

    /** The frame, or null for the default (decided when resolved). */
    public WindowFrame frame() {
        return frame;
    }
}
