package dev.sluice.sqllite.ast;

import dev.sluice.sqllite.ParseException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses interval strings such as {@code "1 day 2 hours"} into an {@link IntervalLiteral}.
 * Single-use: each instance parses one string and is not thread-safe.
 */
final class IntervalTextParser {

  private static final Pattern LEADING_KEYWORD = Pattern.compile("(?i)\\s*interval(?=\\s|$)");
  private static final Pattern VALUE_AND_UNIT =
      Pattern.compile("\\s*([+-]?)\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([A-Za-z]+)");
  private static final Pattern TRAILING_SPACE = Pattern.compile("\\s*");

  private final String text;
  private int months;
  private int days;
  private long microseconds;

  private IntervalTextParser(String text) {
    this.text = text;
  }

  static IntervalLiteral parse(String text) {
    return new IntervalTextParser(text).parseAll();
  }

  private IntervalLiteral parseAll() {
    Matcher keyword = LEADING_KEYWORD.matcher(text);
    int position = keyword.lookingAt() ? keyword.end() : 0;
    Matcher part = VALUE_AND_UNIT.matcher(text);
    boolean sawPart = false;
    while (!TRAILING_SPACE.matcher(text).region(position, text.length()).matches()) {
      part.region(position, text.length());
      if (!part.lookingAt()) {
        throw error(firstNonSpace(position), "expected a number followed by an interval unit");
      }
      add(part);
      sawPart = true;
      position = part.end();
    }
    if (!sawPart) {
      throw error(position, "expected a number followed by an interval unit");
    }
    return new IntervalLiteral(months, days, microseconds);
  }

  private void add(Matcher part) {
    IntervalUnit unit = IntervalUnit.fromName(part.group(3))
        .orElseThrow(() -> error(part.start(3), "unknown interval unit '" + part.group(3) + "'"));
    BigDecimal value = new BigDecimal(part.group(2));
    if ("-".equals(part.group(1))) {
      value = value.negate();
    }
    if (unit != IntervalUnit.SECOND && value.stripTrailingZeros().scale() > 0) {
      throw error(part.start(2), "only seconds may have a fractional part");
    }
    try {
      accumulate(unit, value);
    } catch (ArithmeticException overflow) {
      throw error(part.start(2), "interval value is out of range");
    }
  }

  private void accumulate(IntervalUnit unit, BigDecimal value) {
    BigDecimal scaled = value.multiply(BigDecimal.valueOf(unit.factor()))
        .setScale(0, RoundingMode.DOWN);
    switch (unit.component()) {
      case MONTHS -> months = Math.addExact(months, scaled.intValueExact());
      case DAYS -> days = Math.addExact(days, scaled.intValueExact());
      case MICROSECONDS -> microseconds = Math.addExact(microseconds, scaled.longValueExact());
      default -> throw new AssertionError(unit);
    }
  }

  private int firstNonSpace(int position) {
    int index = position;
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      index++;
    }
    return index;
  }

  private ParseException error(int index, String reason) {
    String offending = index < text.length() ? text.substring(index).split("\\s+", 2)[0] : "<EOF>";
    return new ParseException(ParseException.INVALID_INTERVAL_FORMAT,
        "Error parsing interval string " + quote(text) + ": " + reason,
        1, index + 1, offending, List.of("an interval such as '10 minutes'"));
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}
