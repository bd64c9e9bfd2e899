package dev.sluice.sql.types;

/**
 * Fixed-point decimal with a precision (total digits, at most 38) and a scale (digits after the point).
 * Values are {@link java.math.BigDecimal}s carrying exactly this scale.
 */
public final class DecimalType extends DataType {
    /** Largest supported precision, as Spark. */
    public static final int MAX_PRECISION = 38;
    /** Largest supported scale, as Spark. */
    public static final int MAX_SCALE = 38;
    /** decimal(10,0): the type of {@code DECIMAL} without arguments. */
    public static final DecimalType USER_DEFAULT = new DecimalType(10, 0);
    /** decimal(38,18): the default for Java BigDecimal values. */
    public static final DecimalType SYSTEM_DEFAULT = new DecimalType(38, 18);

    private final int precision;
    private final int scale;

    public DecimalType(int precision, int scale) {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("decimal precision must be in [1, 38], got " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("decimal scale must be in [0, precision], got " + scale);
        }
        this.precision = precision;
        this.scale = scale;
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    @Override
    public String typeName() {
        return "decimal(" + precision + "," + scale + ")";
    }

    @Override
    public boolean isNumeric() {
        return true;
    }

    /** Bounded variant that caps precision at 38 (the result types of arithmetic). */
    public static DecimalType bounded(int precision, int scale) {
        return new DecimalType(Math.min(precision, MAX_PRECISION), Math.min(scale, MAX_SCALE));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecimalType d && d.precision == precision && d.scale == scale;
    }

    @Override
    public int hashCode() {
        return precision * 31 + scale;
    }

    @Override
    public String toString() {
        return "DecimalType(" + precision + "," + scale + ")";
    }
}
