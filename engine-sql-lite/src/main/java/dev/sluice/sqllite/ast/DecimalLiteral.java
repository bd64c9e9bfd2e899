package dev.sluice.sqllite.ast;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact decimal literal. As in Spark, a plain fractional number such as {@code 0.2} is a
 * decimal, as are {@code 1.5BD} and integers beyond the {@code long} range. Immutable.
 *
 * @param value the value, scale included ({@code 1.50} has scale 2); never null
 */
public record DecimalLiteral(BigDecimal value) implements Expr {

  /** Checks that the value is present. */
  public DecimalLiteral {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    String plain = value.toPlainString();
    return plain.indexOf('.') >= 0 ? plain : plain + "BD";
  }
}
