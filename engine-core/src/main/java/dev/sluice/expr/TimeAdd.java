package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * {@code timestamp + interval} (or minus, with a negated interval): months and days move the local
 * date-time in the session time zone, microseconds are added to the instant, as Spark's {@code TimeAdd}.
 */
public final class TimeAdd extends BinaryExpression {
    private final ZoneId zone;

    public TimeAdd(Expression timestamp, Expression interval, ZoneId zone) {
        super(timestamp, interval);
        this.zone = zone;
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new TimeAdd(newLeft, newRight, zone);
    }

    @Override
    public DataType dataType() {
        return DataTypes.TimestampType;
    }

    @Override
    public String sql() {
        return "(" + left.sql() + " + " + right.sql() + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector ts = left.eval(input);
        ColumnVector iv = right.eval(input);
        int n = input.rowCount();
        long[] out = new long[Math.max(n, 1)];
        boolean[] nulls = Arithmetic.mergeNulls(ts, iv, n);
        long[] micros = ((LongVector) ts).values();
        for (int i = 0; i < n; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = add(micros[i], (CalendarInterval) iv.getObject(i), zone);
            }
        }
        return LongVector.wrap(DataTypes.TimestampType, out, n, nulls);
    }

    /** Adds an interval to a timestamp in microseconds. */
    public static long add(long timestampMicros, CalendarInterval interval, ZoneId zone) {
        long result = timestampMicros;
        if (interval.months() != 0 || interval.days() != 0) {
            Instant instant = Instant.EPOCH.plus(timestampMicros, ChronoUnit.MICROS);
            ZonedDateTime local = instant.atZone(zone).plusMonths(interval.months()).plusDays(interval.days());
            Instant moved = local.toInstant();
            result = Math.addExact(Math.multiplyExact(moved.getEpochSecond(), 1_000_000L), moved.getNano() / 1000);
        }
        return Math.addExact(result, interval.microseconds());
    }
}
