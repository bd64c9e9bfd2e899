package dev.sluice.expr;

/**
 * An interval value: months, days and microseconds kept apart (a month has no fixed length), as Spark's
 * {@code CalendarInterval}. Immutable.
 */
public record CalendarInterval(int months, int days, long microseconds) {
    public static final long MICROS_PER_DAY = 86_400_000_000L;

    /**
     * Parses {@code "10 minutes"}, {@code "1 hour"}, {@code "interval 2 days"} (Spark's interval strings).
     *
     * @throws dev.sluice.sql.AnalysisException {@code CANNOT_PARSE_INTERVAL} with Spark's text (its
     *     {@code IntervalUtils.fromIntervalString}) when {@code text} is not an interval; the parser's detailed
     *     error is the cause
     */
    public static CalendarInterval parse(String text) {
        dev.sluice.sqllite.ast.IntervalLiteral literal;
        try {
            literal = dev.sluice.sqllite.ast.IntervalLiteral.parse(text);
        } catch (dev.sluice.sqllite.ParseException e) {
            throw cannotParse(text, e);
        }
        return new CalendarInterval(literal.months(), literal.days(), literal.microseconds());
    }

    /** Spark's {@code CANNOT_PARSE_INTERVAL} for {@code text}. */
    public static dev.sluice.sql.AnalysisException cannotParse(String text, Throwable cause) {
        return new dev.sluice.sql.AnalysisException("CANNOT_PARSE_INTERVAL",
                "Unable to parse '" + (text == null ? "" : text) + "'. Please ensure that the value provided is in a"
                        + " valid format for defining an interval. You can reference the documentation for the"
                        + " correct format. If the issue persists, please double check that the input value is not"
                        + " null or empty and try again.", "22006", cause);
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
