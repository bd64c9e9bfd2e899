package dev.sluice.expr;

import dev.sluice.sql.SluiceException;

/** The runtime errors of ANSI arithmetic, with Spark 4's error classes and texts. */
public final class ArithmeticErrors {
    private ArithmeticErrors() {
    }

    public static SluiceException overflow(String typeName, String tryFunction) {
        return new SluiceException("ARITHMETIC_OVERFLOW", typeName + " overflow. Use '" + tryFunction
                + "' to tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to"
                + " \"false\" to bypass this error.", "22003", null);
    }

    public static SluiceException divideByZero() {
        return new SluiceException("DIVIDE_BY_ZERO", "Division by zero. Use `try_divide` to tolerate divisor being 0"
                + " and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this"
                + " error.", "22012", null);
    }

    public static SluiceException decimalOutOfRange(java.math.BigDecimal value, int precision, int scale) {
        return new SluiceException("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", " " + value.toPlainString()
                + " cannot be represented as Decimal(" + precision + ", " + scale + "). If necessary set"
                + " \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead.",
                "22003", null);
    }
}
