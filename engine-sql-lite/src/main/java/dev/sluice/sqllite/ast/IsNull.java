package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * The predicate {@code operand IS NULL} or, when negated, {@code operand IS NOT NULL}. Immutable.
 *
 * @param operand the tested expression; never null
 * @param negated whether this is {@code IS NOT NULL}
 */
public record IsNull(Expr operand, boolean negated) implements Expr {

  /** Checks that the operand is present. */
  public IsNull {
    Objects.requireNonNull(operand, "operand");
  }

  @Override
  public String toString() {
    return "(" + operand + (negated ? " IS NOT NULL)" : " IS NULL)");
  }
}
