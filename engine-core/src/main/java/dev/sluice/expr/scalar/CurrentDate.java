package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.expr.LeafExpression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.time.ZoneId;
import java.util.Objects;

/**
 * {@code current_date()}: the date, in the session time zone, of the {@link dev.sluice.expr.QueryTime} of the
 * running query or micro-batch (the wall clock outside an execution), like {@link CurrentTimestamp}.
 * Immutable and thread-safe.
 */
public final class CurrentDate extends LeafExpression {
    private final ZoneId zone;

    public CurrentDate(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone is null");
    }

    /** The session time zone the date is taken in. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public DataType dataType() {
        return DataTypes.DateType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String prettyName() {
        return "current_date";
    }

    /** The date (days since epoch) of the instant {@code micros} in this expression's zone. */
    public int dateAt(long micros) {
        return (int) java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS).atZone(zone)
                .toLocalDate().toEpochDay();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int days = dateAt(dev.sluice.expr.QueryTime.currentOrNow());
        int rows = input.rowCount();
        int[] values = new int[Math.max(rows, 1)];
        java.util.Arrays.fill(values, days);
        return IntVector.wrap(DataTypes.DateType, values, rows, null);
    }
}
