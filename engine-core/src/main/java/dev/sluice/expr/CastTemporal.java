package dev.sluice.expr;

import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DayTimeIntervalType;
import dev.sluice.sql.types.TimestampNTZType;
import dev.sluice.sql.types.TimestampType;
import dev.sluice.sql.types.YearMonthIntervalType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Spark's casts among {@code timestamp_ntz}, {@code timestamp} and {@code date}, and between ANSI interval types
 * of one kind (a narrower type truncates: {@code INTERVAL DAY TO SECOND} to {@code INTERVAL DAY} keeps whole
 * days). A timestamp becomes the wall-clock time it has in the session time zone, and back. None of them fails.
 * Casts to and from strings are with the other string casts. Stateless.
 */
final class CastTemporal {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private CastTemporal() {
    }

    static boolean isNtzOrAnsiInterval(DataType type) {
        return type instanceof TimestampNTZType || type instanceof DayTimeIntervalType
                || type instanceof YearMonthIntervalType;
    }

    /** Whether Spark casts {@code from} to {@code to} among these types (types differ). */
    static boolean canCast(DataType from, DataType to) {
        if (from instanceof TimestampNTZType) {
            return to instanceof DateType || to instanceof TimestampType;
        }
        if (to instanceof TimestampNTZType) {
            return from instanceof DateType || from instanceof TimestampType;
        }
        return from instanceof DayTimeIntervalType && to instanceof DayTimeIntervalType
                || from instanceof YearMonthIntervalType && to instanceof YearMonthIntervalType;
    }

    /** Spark's up-cast rule among these types: date to timestamp_ntz, and both timestamp kinds to each other. */
    static boolean canUpCast(DataType from, DataType to) {
        return from instanceof DateType && to instanceof TimestampNTZType
                || from instanceof TimestampType && to instanceof TimestampNTZType
                || from instanceof TimestampNTZType && to instanceof TimestampType;
    }

    /** The converter, or null when the pair is not one of these casts. */
    static CastConversions.VectorConverter converter(DataType from, DataType to, ZoneId zone) {
        if (!canCast(from, to) || from.equals(to)) {
            return null;
        }
        if (from instanceof DateType) {
            return input -> CastConversions.mapIntToLong(input, to, days -> days * MICROS_PER_DAY);
        }
        if (to instanceof DateType) {
            return input -> CastConversions.mapLongToInt(input, to, micros -> (int) Math.floorDiv(micros,
                    MICROS_PER_DAY));
        }
        if (from instanceof TimestampType) {
            return input -> mapLong(input, to, micros -> toLocal(micros, zone));
        }
        if (to instanceof TimestampType) {
            return input -> mapLong(input, to, micros -> fromLocal(micros, zone));
        }
        if (to instanceof DayTimeIntervalType dt) {
            return input -> mapLong(input, to, micros -> AnsiIntervals.truncate(micros, dt));
        }
        YearMonthIntervalType ym = (YearMonthIntervalType) to;
        return input -> {
            int size = input.size();
            int[] out = new int[Math.max(size, 1)];
            for (int i = 0; i < size; i++) {
                if (!input.isNull(i)) {
                    out[i] = AnsiIntervals.truncate(input.getInt(i), ym);
                }
            }
            return dev.sluice.batch.IntVector.wrap(to, out, size, CastConversions.copyNulls(input));
        };
    }

    /** The wall-clock micros of an instant in {@code zone}. */
    static long toLocal(long micros, ZoneId zone) {
        if (zone == ZoneOffset.UTC) {
            return micros;
        }
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int offset = zone.getRules().getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
        return micros + offset * MICROS_PER_SECOND;
    }

    /** The instant of wall-clock micros read in {@code zone} (a gap moves forward, as java.time resolves it). */
    static long fromLocal(long micros, ZoneId zone) {
        if (zone == ZoneOffset.UTC) {
            return micros;
        }
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        long fraction = Math.floorMod(micros, MICROS_PER_SECOND);
        LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return local.atZone(zone).toEpochSecond() * MICROS_PER_SECOND + fraction;
    }

    private static dev.sluice.batch.ColumnVector mapLong(dev.sluice.batch.ColumnVector input, DataType type,
                                                        java.util.function.LongUnaryOperator f) {
        int size = input.size();
        long[] out = new long[Math.max(size, 1)];
        for (int i = 0; i < size; i++) {
            if (!input.isNull(i)) {
                out[i] = f.applyAsLong(input.getLong(i));
            }
        }
        return dev.sluice.batch.LongVector.wrap(type, out, size, CastConversions.copyNulls(input));
    }
}
