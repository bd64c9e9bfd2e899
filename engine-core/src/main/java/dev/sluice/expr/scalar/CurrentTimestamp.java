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
    /** Non-null for {@code localtimestamp()}: the wall-clock time in this zone, a {@code timestamp_ntz}. */
    private final java.time.ZoneId localZone;

    /** {@code current_timestamp()}. */
    public CurrentTimestamp() {
        this("current_timestamp");
    }

    /** The same function under an alias such as {@code now}, which then shows in column names. */
    public CurrentTimestamp(String name) {
        this(name, null);
    }

    /** {@code localtimestamp()} (Spark's {@code LocalTimestamp}): the query time as a wall-clock time in {@code zone}. */
    public CurrentTimestamp(String name, java.time.ZoneId localZone) {
        this.name = name;
        this.localZone = localZone;
    }

    @Override
    public DataType dataType() {
        return localZone == null ? DataTypes.TimestampType : DataTypes.TimestampNTZType;
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
        if (localZone != null) {
            long seconds = Math.floorDiv(micros, 1_000_000L);
            micros += localZone.getRules().getOffset(java.time.Instant.ofEpochSecond(seconds)).getTotalSeconds()
                    * 1_000_000L;
        }
        int rows = input.rowCount();
        long[] values = new long[Math.max(rows, 1)];
        java.util.Arrays.fill(values, micros);
        return LongVector.wrap(dataType(), values, rows, null);
    }
}
