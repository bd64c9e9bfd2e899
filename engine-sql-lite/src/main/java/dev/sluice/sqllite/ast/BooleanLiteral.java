package dev.sluice.sqllite.ast;

/**
 * The literal {@code TRUE} or {@code FALSE}. Immutable.
 *
 * @param value the value
 */
public record BooleanLiteral(boolean value) implements Expr {

  @Override
  public String toString() {
    return value ? "true" : "false";
  }
}
