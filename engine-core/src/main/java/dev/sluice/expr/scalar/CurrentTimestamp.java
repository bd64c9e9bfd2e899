package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.LeafExpression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;

/**
 * {@code current_timestamp()} / {@code now()}: the {@link dev.sluice.expr.QueryTime} of the running query or
 * micro-batch, fixed for the whole execution as Spark does; evaluated outside an execution (tests, ad-hoc
 * expressions) it reads {@link System#currentTimeMillis()}.
 * Immutable and thread-safe.
 */
public final class CurrentTimestamp extends LeafExpression {
    private final String name;

    /** {@code current_timestamp()}. */
    public CurrentTimestamp() {
        this("current_timestamp");
    }

    /** The same function under an alias such as {@code now}, which then shows in column names. */
    public CurrentTimestamp(String name) {
        this.name = name;
    }

    @Override
    public DataType dataType() {
        return DataTypes.TimestampType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        long micros = dev.sluice.expr.QueryTime.currentOrNow();
        int rows = input.rowCount();
        long[] values = new long[Math.max(rows, 1)];
        java.util.Arrays.fill(values, micros);
        return LongVector.wrap(DataTypes.TimestampType, values, rows, null);
    }
}
