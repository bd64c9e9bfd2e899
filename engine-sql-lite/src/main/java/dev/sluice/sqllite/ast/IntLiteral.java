package dev.sluice.sqllite.ast;

/**
 * A 32-bit integer literal such as {@code 42} or {@code -1}. Immutable.
 *
 * @param value the value
 */
public record IntLiteral(int value) implements Expr {

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
