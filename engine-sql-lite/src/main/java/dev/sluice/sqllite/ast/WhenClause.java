package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * One {@code WHEN condition THEN result} branch of a {@link CaseWhen}. For the simple form
 * {@code CASE x WHEN v ...}, {@code condition} is the value compared with the operand. Immutable.
 *
 * @param condition the condition or compared value; never null
 * @param result the result of the branch; never null
 */
public record WhenClause(Expr condition, Expr result) {

  /** Checks that both parts are present. */
  public WhenClause {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(result, "result");
  }

  @Override
  public String toString() {
    return "WHEN " + condition + " THEN " + result;
  }
}
