package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.Locale;

/**
 * An ANSI interval type with its fields, such as {@code INTERVAL DAY TO SECOND} or {@code INTERVAL YEAR}: a
 * year-month interval when its fields are YEAR/MONTH, a day-time interval when they are DAY ... SECOND. The
 * parser only builds valid ones (fields of one kind, in order). Immutable.
 *
 * @param startField the first field, upper case ({@code DAY})
 * @param endField the last field, upper case (the same as {@code startField} for one field)
 */
public record IntervalTypeSpec(String startField, String endField) implements TypeSpec {
  /** The year-month fields in order. */
  public static final List<String> YEAR_MONTH = List.of("YEAR", "MONTH");
  /** The day-time fields in order. */
  public static final List<String> DAY_TIME = List.of("DAY", "HOUR", "MINUTE", "SECOND");

  /** True for {@code YEAR}/{@code MONTH} fields. */
  public boolean yearMonth() {
    return YEAR_MONTH.contains(startField);
  }

  /** The field's position in its kind's list: YEAR 0, MONTH 1; DAY 0 ... SECOND 3. */
  public static int index(String field) {
    int ym = YEAR_MONTH.indexOf(field);
    return ym >= 0 ? ym : DAY_TIME.indexOf(field);
  }

  @Override
  public String toString() {
    String start = startField.toLowerCase(Locale.ROOT);
    return startField.equals(endField) ? "interval " + start
        : "interval " + start + " to " + endField.toLowerCase(Locale.ROOT);
  }
}
