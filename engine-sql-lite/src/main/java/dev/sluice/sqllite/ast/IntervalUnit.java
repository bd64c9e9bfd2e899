package dev.sluice.sqllite.ast;

import java.util.Locale;
import java.util.Optional;

/**
 * A unit of a calendar interval and how it maps onto the (months, days, microseconds) triple of
 * {@link IntervalLiteral}. Immutable.
 */
public enum IntervalUnit {
  YEAR(Component.MONTHS, 12),
  MONTH(Component.MONTHS, 1),
  WEEK(Component.DAYS, 7),
  DAY(Component.DAYS, 1),
  HOUR(Component.MICROSECONDS, 3_600_000_000L),
  MINUTE(Component.MICROSECONDS, 60_000_000L),
  SECOND(Component.MICROSECONDS, 1_000_000L),
  MILLISECOND(Component.MICROSECONDS, 1_000L),
  MICROSECOND(Component.MICROSECONDS, 1L);

  /** The component of an interval that a unit contributes to. */
  public enum Component { MONTHS, DAYS, MICROSECONDS }

  private final Component component;
  private final long factor;

  IntervalUnit(Component component, long factor) {
    this.component = component;
    this.factor = factor;
  }

  /** Returns the interval component this unit adds to. */
  public Component component() {
    return component;
  }

  /** Returns how many units of {@link #component()} one of this unit is. */
  public long factor() {
    return factor;
  }

  /**
   * Looks a unit up by its singular or plural name, case-insensitively ({@code "hour"},
   * {@code "HOURS"}).
   */
  public static Optional<IntervalUnit> fromName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    String singular = upper.endsWith("S") ? upper.substring(0, upper.length() - 1) : upper;
    for (IntervalUnit unit : values()) {
      if (unit.name().equals(upper) || unit.name().equals(singular)) {
        return Optional.of(unit);
      }
    }
    return Optional.empty();
  }
}
