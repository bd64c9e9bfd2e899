package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DayTimeIntervalType;
import dev.sluice.sql.types.TimestampNTZType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A timestamp, timestamp_ntz or date plus (or minus) an ANSI interval, as Spark's {@code TimestampAddInterval},
 * {@code TimestampAddYMInterval} and {@code DateAddYMInterval}: a day-time interval adds its microseconds to the
 * instant; a year-month interval moves the local date-time (in the session time zone for a timestamp, as is for
 * timestamp_ntz and dates) by whole months, clamping the day to the month's end. The result has the left
 * operand's type. Overflow fails with {@code ARITHMETIC_OVERFLOW}. Immutable.
 */
public final class AnsiTimeAdd extends BinaryExpression {
    private final boolean subtract;
    private final ZoneId zone;

    /**
     * @param time a timestamp, timestamp_ntz, or a date (with a year-month interval or {@code INTERVAL DAY})
     * @param interval a day-time or year-month interval
     */
    public AnsiTimeAdd(Expression time, Expression interval, boolean subtract, ZoneId zone) {
        super(time, interval);
        this.subtract = subtract;
        this.zone = zone;
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new AnsiTimeAdd(newLeft, newRight, subtract, zone);
    }

    @Override
    public DataType dataType() {
        return left.dataType();
    }

    @Override
    public String sql() {
        return "(" + left.sql() + (subtract ? " - " : " + ") + right.sql() + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector time = left.eval(input);
        ColumnVector interval = right.eval(input);
        int n = input.rowCount();
        boolean[] nulls = Arithmetic.mergeNulls(time, interval, n);
        boolean dayTime = right.dataType() instanceof DayTimeIntervalType;
        ZoneId local = left.dataType() instanceof TimestampNTZType ? ZoneOffset.UTC : zone;
        try {
            if (left.dataType() instanceof DateType) {
                int[] out = new int[Math.max(n, 1)];
                for (int i = 0; i < n; i++) {
                    if (nulls == null || !nulls[i]) {
                        if (dayTime) { // INTERVAL DAY: whole days (Spark's DateAdd)
                            long days = interval.getLong(i) / 86_400_000_000L;
                            out[i] = Math.toIntExact(subtract ? Math.subtractExact(time.getInt(i), days)
                                    : Math.addExact(time.getInt(i), days));
                            continue;
                        }
                        int months = subtract ? Math.negateExact(interval.getInt(i)) : interval.getInt(i);
                        out[i] = Math.toIntExact(LocalDate.ofEpochDay(time.getInt(i)).plusMonths(months).toEpochDay());
                    }
                }
                return IntVector.wrap(left.dataType(), out, n, nulls);
            }
            long[] out = new long[Math.max(n, 1)];
            for (int i = 0; i < n; i++) {
                if (nulls == null || !nulls[i]) {
                    long micros = time.getLong(i);
                    if (dayTime) {
                        long amount = interval.getLong(i);
                        out[i] = subtract ? Math.subtractExact(micros, amount) : Math.addExact(micros, amount);
                    } else {
                        int months = subtract ? Math.negateExact(interval.getInt(i)) : interval.getInt(i);
                        out[i] = addMonths(micros, months, local);
                    }
                }
            }
            return LongVector.wrap(left.dataType(), out, n, nulls);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw ArithmeticErrors.overflow("long", "try_add");
        }
    }

    private static long addMonths(long micros, int months, ZoneId zone) {
        Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        ZonedDateTime moved = instant.atZone(zone).plusMonths(months);
        Instant result = moved.toInstant();
        return Math.addExact(Math.multiplyExact(result.getEpochSecond(), 1_000_000L), result.getNano() / 1000);
    }
}
