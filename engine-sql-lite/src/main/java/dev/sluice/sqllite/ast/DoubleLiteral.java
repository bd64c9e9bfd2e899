package dev.sluice.sqllite.ast;

/**
 * A double precision literal: {@code 1.5D}, {@code 1e3} or {@code 1.5E-2}. Immutable.
 *
 * @param value the value
 */
public record DoubleLiteral(double value) implements Expr {

  @Override
  public String toString() {
    return Double.isFinite(value)
        ? value + "D"
        : "CAST(" + SqlText.quotedString(Double.toString(value)) + " AS double)";
  }
}
