package dev.sluice.sqllite.ast;

/**
 * A single precision literal such as {@code 1.5F}. Immutable.
 *
 * @param value the value
 */
public record FloatLiteral(float value) implements Expr {

  @Override
  public String toString() {
    return Float.isFinite(value)
        ? value + "F"
        : "CAST(" + SqlText.quotedString(Float.toString(value)) + " AS float)";
  }
}
