package dev.sluice.expr;

/**
 * An interval value: months, days and microseconds kept apart (a month has no fixed length), as Spark's
 * {@code CalendarInterval}. Immutable.
 */
public record CalendarInterval(int months, int days, long microseconds) {
    public static final long MICROS_PER_DAY = 86_400_000_000L;

    /** Parses {@code "10 minutes"}, {@code "1 hour"}, {@code "interval 2 days"} (Spark's interval strings). */
    public static CalendarInterval parse(String text) {
        var literal = dev.sluice.sql.catalyst.parser.ParseException.parsing(
                () -> dev.sluice.sqllite.ast.IntervalLiteral.parse(text));
        return new CalendarInterval(literal.months(), literal.days(), literal.microseconds());
    }

    /** Total length in microseconds when the interval has no month part (days count as 24 hours). */
    public long durationMicros() {
        if (months != 0) {
            throw new IllegalArgumentException("interval " + this + " has a month part: it has no fixed duration");
        }
        return days * MICROS_PER_DAY + microseconds;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("INTERVAL");
        if (months != 0) {
            sb.append(' ').append(months).append(" MONTHS");
        }
        if (days != 0) {
            sb.append(' ').append(days).append(" DAYS");
        }
        if (microseconds != 0 || (months == 0 && days == 0)) {
            sb.append(' ').append(java.math.BigDecimal.valueOf(microseconds, 6).stripTrailingZeros().toPlainString())
                    .append(" SECONDS");
        }
        return sb.toString();
    }
}
