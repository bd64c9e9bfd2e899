package dev.sluice.sqllite.ast;

import dev.sluice.sqllite.ParseException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A calendar interval literal, e.g. {@code INTERVAL 1 DAY 2 HOURS} or {@code INTERVAL '10
 * minutes'}, normalized like Spark's {@code CalendarInterval} into months, days and microseconds.
 * Components are independent and may have different signs. Immutable.
 *
 * @param months the number of months (years are folded in as 12 months)
 * @param days the number of days (weeks are folded in as 7 days)
 * @param microseconds the number of microseconds (hours down to microseconds folded in)
 */
public record IntervalLiteral(int months, int days, long microseconds) implements Expr {

  private static final long MICROS_PER_HOUR = IntervalUnit.HOUR.factor();
  private static final long MICROS_PER_MINUTE = IntervalUnit.MINUTE.factor();

  /**
   * Parses an interval string such as {@code "10 minutes"}, {@code "1 hour"},
   * {@code "1 day 2 hours"}, {@code "-5 seconds"} or {@code "1.5 seconds"}, as used for Spark's
   * window durations and watermark delays. A leading {@code "interval"} is ignored; units may be
   * singular or plural, in any case; only seconds may have a fractional part (truncated to
   * microseconds).
   *
   * @throws ParseException with condition {@code INVALID_INTERVAL_FORMAT} if the text is malformed
   *     or out of range; its column points into {@code text}
   */
  public static IntervalLiteral parse(String text) {
    return IntervalTextParser.parse(text);
  }

  @Override
  public String toString() {
    return "INTERVAL " + SqlText.quotedString(describe());
  }

  /** Renders the interval as {@link #parse} accepts it, e.g. {@code "1 days 2 hours"}. */
  private String describe() {
    List<String> parts = new ArrayList<>();
    addPart(parts, months / 12, "years");
    addPart(parts, months % 12, "months");
    addPart(parts, days, "days");
    addPart(parts, microseconds / MICROS_PER_HOUR, "hours");
    addPart(parts, microseconds % MICROS_PER_HOUR / MICROS_PER_MINUTE, "minutes");
    long secondsInMicros = microseconds % MICROS_PER_MINUTE;
    if (secondsInMicros != 0 || parts.isEmpty()) {
      String seconds = BigDecimal.valueOf(secondsInMicros, 6).stripTrailingZeros().toPlainString();
      parts.add(seconds + " seconds");
    }
    return String.join(" ", parts);
  }

  private static void addPart(List<String> parts, long amount, String unit) {
    if (amount != 0) {
      parts.add(amount + " " + unit);
    }
  }
}
