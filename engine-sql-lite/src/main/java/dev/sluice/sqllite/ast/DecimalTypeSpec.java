package dev.sluice.sqllite.ast;

/**
 * The fixed-point type {@code decimal(precision, scale)}; a bare {@code decimal} is
 * {@code decimal(10,0)}. Immutable.
 *
 * @param precision the total number of digits, 1 to {@value #MAX_PRECISION}
 * @param scale the number of fractional digits, 0 to {@code precision}
 */
public record DecimalTypeSpec(int precision, int scale) implements TypeSpec {

  /** The largest precision Spark supports. */
  public static final int MAX_PRECISION = 38;

  /** The precision of a bare {@code decimal}. */
  public static final int DEFAULT_PRECISION = 10;

  /** Checks the precision and scale ranges. */
  public DecimalTypeSpec {
    if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "invalid decimal(" + precision + "," + scale + ")");
    }
  }

  @Override
  public String toString() {
    return "decimal(" + precision + "," + scale + ")";
  }
}
