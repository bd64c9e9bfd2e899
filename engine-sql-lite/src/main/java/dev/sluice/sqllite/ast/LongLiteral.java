package dev.sluice.sqllite.ast;

/**
 * A 64-bit integer literal: {@code 10L}, or an integer too large for {@code int}. Immutable.
 *
 * @param value the value
 */
public record LongLiteral(long value) implements Expr {

  @Override
  public String toString() {
    return value + "L";
  }
}
