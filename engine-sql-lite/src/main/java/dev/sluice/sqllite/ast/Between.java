package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * The predicate {@code value [NOT] BETWEEN lower AND upper}. Immutable.
 *
 * @param value the tested expression; never null
 * @param lower the inclusive lower bound; never null
 * @param upper the inclusive upper bound; never null
 * @param negated whether this is {@code NOT BETWEEN}
 */
public record Between(Expr value, Expr lower, Expr upper, boolean negated) implements Expr {

  /** Checks that all parts are present. */
  public Between {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
  }

  @Override
  public String toString() {
    return "(" + value + (negated ? " NOT BETWEEN " : " BETWEEN ") + lower + " AND " + upper + ")";
  }
}
