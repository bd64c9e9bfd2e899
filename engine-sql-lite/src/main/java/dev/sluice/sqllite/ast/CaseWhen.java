package dev.sluice.sqllite.ast;

import java.util.List;

/**
 * A {@code CASE} expression, either searched ({@code CASE WHEN c THEN r ... END}) or simple
 * ({@code CASE x WHEN v THEN r ... END}). Immutable.
 *
 * @param operand the compared value of the simple form; null for the searched form
 * @param branches the {@code WHEN} branches in order; never empty
 * @param elseValue the {@code ELSE} result; null when absent
 */
public record CaseWhen(Expr operand, List<WhenClause> branches, Expr elseValue) implements Expr {

  /** Copies the branches and checks that there is at least one. */
  public CaseWhen {
    branches = List.copyOf(branches);
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("CASE needs at least one WHEN branch");
    }
  }

  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder("CASE");
    if (operand != null) {
      builder.append(' ').append(operand);
    }
    branches.forEach(branch -> builder.append(' ').append(branch));
    if (elseValue != null) {
      builder.append(" ELSE ").append(elseValue);
    }
    return builder.append(" END").toString();
  }
}
