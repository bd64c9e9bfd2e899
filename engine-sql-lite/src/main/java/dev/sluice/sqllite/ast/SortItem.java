package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * One key of an {@code ORDER BY}: {@code expr [ASC|DESC] [NULLS FIRST|LAST]}. Immutable.
 *
 * @param expr the sort key; never null
 * @param ascending false for {@code DESC}; true for {@code ASC} or no direction
 * @param nullOrdering the explicit {@code NULLS} clause or {@link NullOrdering#DEFAULT}; never null
 */
public record SortItem(Expr expr, boolean ascending, NullOrdering nullOrdering) {

  /** Checks that all parts are present. */
  public SortItem {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(nullOrdering, "nullOrdering");
  }

  @Override
  public String toString() {
    String nulls = switch (nullOrdering) {
      case NULLS_FIRST -> " NULLS FIRST";
      case NULLS_LAST -> " NULLS LAST";
      case DEFAULT -> "";
    };
    return expr + (ascending ? " ASC" : " DESC") + nulls;
  }
}
