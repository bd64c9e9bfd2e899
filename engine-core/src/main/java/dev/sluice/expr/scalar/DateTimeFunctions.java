package dev.sluice.expr.scalar;

import dev.sluice.expr.Cast;
import dev.sluice.expr.ExecutionErrors;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.expr.TemporalParsing;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.TimestampType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * Date and time functions. Timestamps are microseconds since the epoch and are read and printed as wall
 * time in the session time zone; dates are days since the epoch. Parsing with a pattern follows
 * {@link DateTimePatterns}; malformed input raises {@code CANNOT_PARSE_TIMESTAMP} (with a pattern) or
 * {@code CAST_INVALID_INPUT} (without) when ANSI mode is on and gives NULL otherwise and for the
 * {@code try_} variants. Stateless.
 */
final class DateTimeFunctions {
    private DateTimeFunctions() {
    }

    static void register(FunctionRegistry registry) {
        dateField(registry, "year", days -> LocalDate.ofEpochDay(days).getYear());
        dateField(registry, "month", days -> LocalDate.ofEpochDay(days).getMonthValue());
        dateField(registry, "dayofmonth", days -> LocalDate.ofEpochDay(days).getDayOfMonth());
        dateField(registry, "day", days -> LocalDate.ofEpochDay(days).getDayOfMonth());
        dateField(registry, "dayofyear", days -> LocalDate.ofEpochDay(days).getDayOfYear());
        dateField(registry, "quarter", days -> (LocalDate.ofEpochDay(days).getMonthValue() + 2) / 3);
        // 1 = Sunday ... 7 = Saturday; 1970-01-01 was a Thursday (5).
        dateField(registry, "dayofweek", days -> (int) Math.floorMod(days + 4L, 7L) + 1);
        timeField(registry, "hour", secondOfDay -> secondOfDay / 3600);
        timeField(registry, "minute", secondOfDay -> secondOfDay / 60 % 60);
        timeField(registry, "second", secondOfDay -> secondOfDay % 60);
        registry.register("date_add", (arguments, context) -> dateShift("date_add", arguments, context, 1));
        registry.register("date_sub", (arguments, context) -> dateShift("date_sub", arguments, context, -1));
        registry.register("datediff", (arguments, context) -> {
            FunctionRegistry.checkArity("datediff", arguments, 2, 2);
            return IntFunction2.binary("datediff", Arguments.date("datediff", arguments, 0, context),
                    Arguments.date("datediff", arguments, 1, context), DataTypes.IntegerType, (end, start) -> end - start);
        });
        registry.register("to_timestamp", (arguments, context) -> toTimestamp("to_timestamp", arguments, context, false));
        registry.register("to_timestamp_ntz", (arguments, context) -> toTimestampNtz(arguments, context));
        unixTime(registry, "unix_micros", x -> x);
        unixTime(registry, "unix_millis", x -> Math.floorDiv(x, 1_000L));
        unixTime(registry, "unix_seconds", x -> Math.floorDiv(x, 1_000_000L));
        registry.register("unix_date", (arguments, context) -> {
            FunctionRegistry.checkArity("unix_date", arguments, 1, 1);
            return IntFunction2.unary("unix_date", Arguments.date("unix_date", arguments, 0, context),
                    DataTypes.IntegerType, days -> days);
        });
        registry.register("localtimestamp", (arguments, context) -> {
            FunctionRegistry.checkArity("localtimestamp", arguments, 0, 0);
            return new CurrentTimestamp("localtimestamp", context.sessionTimeZone());
        });
        registry.register("try_to_timestamp", (arguments, context) -> toTimestamp("try_to_timestamp", arguments, context, true));
        registry.register("to_date", (arguments, context) -> toDate("to_date", arguments, context, false));
        registry.register("try_to_date", (arguments, context) -> toDate("try_to_date", arguments, context, true));
        registry.register("date_format", DateTimeFunctions::dateFormat);
        DateTruncation.register(registry);
        registry.register("unix_timestamp", DateTimeFunctions::unixTimestamp);
        registry.register("from_unixtime", DateTimeFunctions::fromUnixtime);
        registry.register("current_timestamp", (arguments, context) -> {
            FunctionRegistry.checkArity("current_timestamp", arguments, 0, 0);
            return new CurrentTimestamp();
        });
        registry.register("now", (arguments, context) -> {
            FunctionRegistry.checkArity("now", arguments, 0, 0);
            return new CurrentTimestamp("now");
        });
        for (String name : List.of("current_date", "curdate")) {
            registry.register(name, (arguments, context) -> {
                FunctionRegistry.checkArity(name, arguments, 0, 0);
                return new CurrentDate(context.sessionTimeZone());
            });
        }
    }

    /** Spark's {@code unix_micros}/{@code unix_millis}/{@code unix_seconds}: a timestamp as a count since the epoch. */
    private static void unixTime(FunctionRegistry registry, String name, java.util.function.LongUnaryOperator f) {
        registry.register(name, (arguments, context) -> {
            FunctionRegistry.checkArity(name, arguments, 1, 1);
            return new NumericUnaryFunction(name, List.of(Arguments.timestamp(name, arguments, 0, context)),
                    DataTypes.LongType, new NumericUnaryFunction.Operations(null, f, null, null));
        });
    }

    private static void dateField(FunctionRegistry registry, String name, IntUnaryOperator field) {
        registry.register(name, (arguments, context) -> {
            FunctionRegistry.checkArity(name, arguments, 1, 1);
            return IntFunction2.unary(name, Arguments.date(name, arguments, 0, context), DataTypes.IntegerType, field);
        });
    }

    private static void timeField(FunctionRegistry registry, String name, IntUnaryOperator fieldOfSecondOfDay) {
        registry.register(name, (arguments, context) -> {
            FunctionRegistry.checkArity(name, arguments, 1, 1);
            ZoneId zone = context.sessionTimeZone();
            return new TimestampFieldFunction(name, Arguments.timestamp(name, arguments, 0, context),
                    micros -> fieldOfSecondOfDay.applyAsInt(DateTimePatterns.secondOfDay(micros, zone)));
        });
    }

    private static Expression dateShift(String name, List<Expression> arguments, FunctionContext context, int sign) {
        FunctionRegistry.checkArity(name, arguments, 2, 2);
        return IntFunction2.binary(name, Arguments.date(name, arguments, 0, context),
                Arguments.integer(name, arguments, 1, context), DataTypes.DateType,
                (days, delta) -> shiftDays(name, days, delta, sign));
    }

    /** {@code days + sign * delta}; a date beyond the int range of days is Spark's {@code DATETIME_OVERFLOW}. */
    private static int shiftDays(String name, int days, int delta, int sign) {
        long shifted = (long) days + (long) sign * delta;
        if (shifted != (int) shifted) {
            throw ExecutionErrors.datetimeOverflow((sign > 0 ? "add " : "subtract ") + delta + " DAY "
                    + (sign > 0 ? "to" : "from") + " DATE '" + java.time.LocalDate.ofEpochDay(days) + "'");
        }
        return (int) shifted;
    }

    /** A formatter per row: built once when the pattern argument is constant. */
    private static Function<String, DateTimeFormatter> formatters(String name, List<Expression> arguments, int index) {
        if (Arguments.isConstant(arguments.get(index))) {
            Object pattern = Arguments.constant(name, arguments, index);
            DateTimeFormatter formatter = pattern == null ? null : DateTimePatterns.formatter(pattern.toString());
            return text -> formatter;
        }
        return DateTimePatterns::formatter;
    }

    /**
     * The string-to-timestamp parser behind to_timestamp, to_date and unix_timestamp: returns micros or null,
     * or raises when {@code failOnError}.
     */
    private static Long parse(String text, String pattern, Function<String, DateTimeFormatter> formatters,
            ZoneId zone, boolean failOnError, String tryFunction, DataType target) {
        if (pattern == null) {
            Long micros = TemporalParsing.parseTimestamp(text, zone);
            if (micros == null && failOnError) {
                throw ExecutionErrors.castInvalidInput(text, DataTypes.StringType, target);
            }
            return micros;
        }
        try {
            return DateTimePatterns.parse(text, formatters.apply(pattern), zone);
        } catch (DateTimeException | ArithmeticException e) {
            if (failOnError) {
                throw ExecutionErrors.cannotParseTimestamp(e.getMessage(), tryFunction);
            }
            return null;
        }
    }

    /**
     * Nullability of a parse of text: without a pattern Spark parses with a cast from string, which is always
     * nullable; with a pattern (Spark's {@code ToTimestamp}) only a null argument gives null when parse errors
     * raise, anything may when they give null.
     */
    private static RowFunction.Nullability parsedNullability(List<Expression> coerced, boolean failOnError) {
        return coerced.size() > 1 && failOnError ? RowFunction.Nullability.ANY_ARGUMENT
                : RowFunction.Nullability.ALWAYS;
    }

    private static List<Expression> stringAndPattern(String name, List<Expression> arguments, FunctionContext context) {
        List<Expression> coerced = new ArrayList<>();
        coerced.add(arguments.get(0));
        if (arguments.size() > 1) {
            coerced.add(Arguments.string(name, arguments, 1, context));
        }
        return coerced;
    }

    private static Expression toTimestamp(String name, List<Expression> arguments, FunctionContext context,
            boolean tryVariant) {
        FunctionRegistry.checkArity(name, arguments, 1, 2);
        DataType type = arguments.get(0).dataType();
        if (!(type instanceof StringType)) {
            Expression value = Arguments.timestamp(name, arguments, 0, context);
            return new NumericUnaryFunction(name, List.of(value), DataTypes.TimestampType,
                    new NumericUnaryFunction.Operations(null, x -> x, null, null));
        }
        List<Expression> coerced = stringAndPattern(name, arguments, context);
        Function<String, DateTimeFormatter> formatters = coerced.size() > 1 ? formatters(name, coerced, 1) : null;
        boolean failOnError = context.ansiEnabled() && !tryVariant;
        ZoneId zone = context.sessionTimeZone();
        return new RowFunction(name, coerced, DataTypes.TimestampType, true, parsedNullability(coerced, failOnError),
                values -> parse((String) values[0],
                values.length > 1 ? (String) values[1] : null, formatters, zone, failOnError, "try_to_timestamp",
                DataTypes.TimestampType));
    }

    /**
     * Spark's {@code to_timestamp_ntz}: a string read as a wall-clock date-time (the session zone plays no part),
     * a date or timestamp cast to {@code timestamp_ntz}.
     */
    private static Expression toTimestampNtz(List<Expression> arguments, FunctionContext context) {
        String name = "to_timestamp_ntz";
        FunctionRegistry.checkArity(name, arguments, 1, 2);
        DataType type = arguments.get(0).dataType();
        if (!(type instanceof StringType)) {
            if (!(type instanceof DateType || type instanceof TimestampType
                    || type instanceof dev.sluice.sql.types.TimestampNTZType
                    || type instanceof dev.sluice.sql.types.NullType)) {
                throw Arguments.unexpected(name, arguments, 0, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\" or"
                        + " \"TIMESTAMP_NTZ\")");
            }
            Expression value = Cast.castIfNeeded(arguments.get(0), DataTypes.TimestampNTZType, context);
            return new NumericUnaryFunction(name, List.of(value), DataTypes.TimestampNTZType,
                    new NumericUnaryFunction.Operations(null, x -> x, null, null));
        }
        List<Expression> coerced = stringAndPattern(name, arguments, context);
        Function<String, DateTimeFormatter> formatters = coerced.size() > 1 ? formatters(name, coerced, 1) : null;
        boolean failOnError = context.ansiEnabled();
        return new RowFunction(name, coerced, DataTypes.TimestampNTZType, true,
                parsedNullability(coerced, failOnError), values -> parse((String) values[0],
                values.length > 1 ? (String) values[1] : null, formatters, java.time.ZoneOffset.UTC, failOnError,
                "try_to_timestamp", DataTypes.TimestampNTZType));
    }

    private static Expression toDate(String name, List<Expression> arguments, FunctionContext context,
            boolean tryVariant) {
        FunctionRegistry.checkArity(name, arguments, 1, 2);
        DataType type = arguments.get(0).dataType();
        if (!(type instanceof StringType)) {
            return IntFunction2.unary(name, Arguments.date(name, arguments, 0, context), DataTypes.DateType, x -> x);
        }
        List<Expression> coerced = stringAndPattern(name, arguments, context);
        Function<String, DateTimeFormatter> formatters = coerced.size() > 1 ? formatters(name, coerced, 1) : null;
        boolean failOnError = context.ansiEnabled() && !tryVariant;
        ZoneId zone = context.sessionTimeZone();
        return new RowFunction(name, coerced, DataTypes.DateType, true, parsedNullability(coerced, failOnError),
                values -> {
            String text = (String) values[0];
            if (values.length == 1) {
                Integer days = TemporalParsing.parseDate(text);
                if (days == null && failOnError) {
                    throw ExecutionErrors.castInvalidInput(text, DataTypes.StringType, DataTypes.DateType);
                }
                return days;
            }
            Long micros = parse(text, (String) values[1], formatters, zone, failOnError, "try_to_date",
                    DataTypes.DateType);
            return micros == null ? null : localDate(micros, zone);
        });
    }

    private static int localDate(long micros, ZoneId zone) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int offset = zone.getRules().getOffset(java.time.Instant.ofEpochSecond(seconds)).getTotalSeconds();
        return (int) Math.floorDiv(seconds + offset, 86_400L);
    }

    private static Expression dateFormat(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("date_format", arguments, 2, 2);
        List<Expression> coerced = List.of(Arguments.timestamp("date_format", arguments, 0, context),
                Arguments.string("date_format", arguments, 1, context));
        Function<String, DateTimeFormatter> formatters = formatters("date_format", coerced, 1);
        ZoneId zone = context.sessionTimeZone();
        return new RowFunction("date_format", coerced, DataTypes.StringType, true,
                RowFunction.Nullability.ANY_ARGUMENT, values -> DateTimePatterns.format((Long) values[0], formatters.apply((String) values[1]), zone));
    }

    private static Expression unixTimestamp(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("unix_timestamp", arguments, 0, 2);
        List<Expression> coerced = new ArrayList<>();
        coerced.add(arguments.isEmpty() ? new CurrentTimestamp() : arguments.get(0));
        coerced.add(arguments.size() == 2 ? Arguments.string("unix_timestamp", arguments, 1, context)
                : Literal.of(DateTimePatterns.DEFAULT_PATTERN));
        DataType type = coerced.get(0).dataType();
        ZoneId zone = context.sessionTimeZone();
        if (type instanceof TimestampType || type instanceof DateType) {
            Expression timestamp = Cast.castIfNeeded(coerced.get(0), DataTypes.TimestampType, context);
            return new RowFunction("unix_timestamp", List.of(timestamp, coerced.get(1)), DataTypes.LongType, true,
                    context.ansiEnabled() ? RowFunction.Nullability.ANY_ARGUMENT : RowFunction.Nullability.ALWAYS,
                    values -> Math.floorDiv((Long) values[0], 1_000_000L));
        }
        if (!(type instanceof StringType)) {
            throw Arguments.unexpected("unix_timestamp", coerced, 0, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\")");
        }
        Function<String, DateTimeFormatter> formatters = formatters("unix_timestamp", coerced, 1);
        boolean failOnError = context.ansiEnabled();
        return new RowFunction("unix_timestamp", coerced, DataTypes.LongType, true,
                parsedNullability(coerced, failOnError), values -> {
            Long micros = parse((String) values[0], (String) values[1], formatters, zone, failOnError,
                    "try_to_timestamp", DataTypes.TimestampType);
            return micros == null ? null : Math.floorDiv(micros, 1_000_000L);
        });
    }

    private static Expression fromUnixtime(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("from_unixtime", arguments, 1, 2);
        Expression seconds = Arguments.numericToLong("from_unixtime", arguments, 0, context);
        Expression pattern = arguments.size() == 2 ? Arguments.string("from_unixtime", arguments, 1, context)
                : Literal.of(DateTimePatterns.DEFAULT_PATTERN);
        List<Expression> coerced = List.of(seconds, pattern);
        Function<String, DateTimeFormatter> formatters = formatters("from_unixtime", coerced, 1);
        ZoneId zone = context.sessionTimeZone();
        // Spark multiplies seconds by 1,000,000 without an overflow check: huge inputs wrap around and still
        // yield a value (from_unixtime(9223372036854775807) is 1969-12-31 23:59:59 UTC), never an error.
        return new RowFunction("from_unixtime", coerced, DataTypes.StringType, true, values -> DateTimePatterns.format(
                (Long) values[0] * 1_000_000L, formatters.apply((String) values[1]), zone));
    }
}
