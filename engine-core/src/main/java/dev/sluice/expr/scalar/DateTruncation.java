package dev.sluice.expr.scalar;

import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.sql.types.DataTypes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;

/**
 * Spark's {@code date_trunc(fmt, ts)} (a timestamp truncated to a unit, in the session time zone) and
 * {@code trunc(date, fmt)} (a date truncated to its week, month, quarter or year), with Spark's unit names
 * ({@code DateTimeUtils.parseTruncLevel}): a format Spark does not know gives NULL, not an error. Stateless.
 */
final class DateTruncation {
    /** Truncation levels, finest first, as Spark orders them. */
    private enum Level { MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR }

    private DateTruncation() {
    }

    static void register(FunctionRegistry registry) {
        registry.register("date_trunc", DateTruncation::dateTrunc);
        registry.register("trunc", DateTruncation::trunc);
    }

    /** The level a format names (case-insensitively), or null for a format Spark does not know. */
    private static Level level(String format) {
        if (format == null) {
            return null;
        }
        return switch (format.toUpperCase(Locale.ROOT)) {
            case "MICROSECOND" -> Level.MICROSECOND;
            case "MILLISECOND" -> Level.MILLISECOND;
            case "SECOND" -> Level.SECOND;
            case "MINUTE" -> Level.MINUTE;
            case "HOUR" -> Level.HOUR;
            case "DAY", "DD" -> Level.DAY;
            case "WEEK" -> Level.WEEK;
            case "MON", "MONTH", "MM" -> Level.MONTH;
            case "QUARTER" -> Level.QUARTER;
            case "YEAR", "YYYY", "YY" -> Level.YEAR;
            default -> null;
        };
    }

    private static Expression dateTrunc(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("date_trunc", arguments, 2, 2);
        List<Expression> coerced = List.of(Arguments.string("date_trunc", arguments, 0, context),
                Arguments.timestamp("date_trunc", arguments, 1, context));
        ZoneId zone = context.sessionTimeZone();
        return new RowFunction("date_trunc", coerced, DataTypes.TimestampType, true, RowFunction.Nullability.ALWAYS,
                values -> {
                    Level level = level((String) values[0]);
                    return level == null ? null : truncTimestamp((Long) values[1], level, zone);
                });
    }

    private static Expression trunc(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("trunc", arguments, 2, 2);
        List<Expression> coerced = List.of(Arguments.date("trunc", arguments, 0, context),
                Arguments.string("trunc", arguments, 1, context));
        return new RowFunction("trunc", coerced, DataTypes.DateType, true, RowFunction.Nullability.ALWAYS, values -> {
            Level level = level((String) values[1]);
            // a date keeps only the date levels (Spark: below WEEK is not a date truncation)
            return level == null || level.compareTo(Level.WEEK) < 0 ? null
                    : (int) truncDate(LocalDate.ofEpochDay((Integer) values[0]), level).toEpochDay();
        });
    }

    /** Spark's {@code DateTimeUtils.truncTimestamp}: sub-second and second levels on the micros, the rest in the zone. */
    static long truncTimestamp(long micros, Level level, ZoneId zone) {
        switch (level) {
            case MICROSECOND:
                return micros;
            case MILLISECOND:
                return micros - Math.floorMod(micros, 1_000L);
            case SECOND:
                return micros - Math.floorMod(micros, 1_000_000L);
            default:
                break;
        }
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        ZonedDateTime local = instant.atZone(zone);
        ZonedDateTime truncated = switch (level) {
            case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.truncatedTo(ChronoUnit.DAYS);
            default -> truncDate(local.toLocalDate(), level).atStartOfDay(zone);
        };
        Instant out = truncated.toInstant();
        return Math.addExact(Math.multiplyExact(out.getEpochSecond(), 1_000_000L), out.getNano() / 1_000L);
    }

    /** The first day of {@code date}'s week (Monday), month, quarter or year. */
    private static LocalDate truncDate(LocalDate date, Level level) {
        return switch (level) {
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> date.withDayOfYear(1);
            default -> throw new IllegalArgumentException("not a date level: " + level);
        };
    }
}
