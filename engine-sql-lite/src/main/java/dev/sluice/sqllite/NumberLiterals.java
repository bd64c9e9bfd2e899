package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.Cast;
import dev.sluice.sqllite.ast.DecimalLiteral;
import dev.sluice.sqllite.ast.DecimalTypeSpec;
import dev.sluice.sqllite.ast.DoubleLiteral;
import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.FloatLiteral;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.LongLiteral;
import dev.sluice.sqllite.ast.PrimitiveKind;
import dev.sluice.sqllite.ast.PrimitiveTypeSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Converts number tokens into literals with Spark's typing rules: plain integers are
 * {@code int}, then {@code bigint}, then {@code decimal}; {@code 1.5} is a decimal; exponents are
 * doubles; suffixes {@code L}, {@code S}, {@code Y}, {@code D}, {@code F}, {@code BD} force a
 * type. {@code S} and {@code Y} literals become casts to {@code smallint}/{@code tinyint}.
 * Stateless.
 */
final class NumberLiterals {

  private NumberLiterals() {
  }

  /** Converts {@code token}, negated when it followed a prefix minus sign. */
  static Expr parse(Token token, boolean negative) {
    String text = token.text();
    String upper = text.toUpperCase(Locale.ROOT);
    String sign = negative ? "-" : "";
    if (upper.endsWith("BD")) {
      return decimal(token, sign + text.substring(0, text.length() - 2));
    }
    String body = sign + text.substring(0, text.length() - 1);
    return switch (upper.charAt(upper.length() - 1)) {
      case 'L' -> new LongLiteral(integral(token, body, Long.MIN_VALUE, Long.MAX_VALUE, "bigint"));
      case 'S' -> smallIntegral(token, body, Short.MIN_VALUE, Short.MAX_VALUE, PrimitiveKind.SHORT);
      case 'Y' -> smallIntegral(token, body, Byte.MIN_VALUE, Byte.MAX_VALUE, PrimitiveKind.BYTE);
      case 'D' -> new DoubleLiteral(finiteDouble(token, body));
      case 'F' -> new FloatLiteral(finiteFloat(token, body));
      default -> unsuffixed(token, sign + text, upper);
    };
  }

  private static Expr unsuffixed(Token token, String signedText, String upper) {
    if (upper.indexOf('E') >= 0) {
      return new DoubleLiteral(finiteDouble(token, signedText));
    }
    if (upper.indexOf('.') >= 0) {
      return decimal(token, signedText);
    }
    BigInteger value = new BigInteger(signedText);
    if (value.bitLength() < Integer.SIZE) {
      return new IntLiteral(value.intValue());
    }
    if (value.bitLength() < Long.SIZE) {
      return new LongLiteral(value.longValue());
    }
    return decimal(token, signedText);
  }

  private static Expr decimal(Token token, String signedText) {
    BigDecimal value = new BigDecimal(signedText);
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
    int precision = Math.max(value.precision(), value.scale());
    if (precision > DecimalTypeSpec.MAX_PRECISION) {
      throw new ParseException(ParseException.DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION,
          "Decimal precision " + precision + " exceeds max precision "
              + DecimalTypeSpec.MAX_PRECISION,
          token.line(), token.column(), token.text(), List.of());
    }
    return new DecimalLiteral(value);
  }

  private static Expr smallIntegral(Token token, String body, long minimum, long maximum,
      PrimitiveKind kind) {
    long value = integral(token, body, minimum, maximum, kind.simpleString());
    return new Cast(new IntLiteral((int) value), new PrimitiveTypeSpec(kind), false);
  }

  private static long integral(Token token, String body, long minimum, long maximum,
      String typeName) {
    BigInteger value = new BigInteger(body);
    if (value.compareTo(BigInteger.valueOf(minimum)) < 0
        || value.compareTo(BigInteger.valueOf(maximum)) > 0) {
      throw outOfRange(token, body, typeName, minimum, maximum);
    }
    return value.longValue();
  }

  private static double finiteDouble(Token token, String body) {
    double value = Double.parseDouble(body);
    if (Double.isInfinite(value)) {
      throw outOfRange(token, body, "double", -Double.MAX_VALUE, Double.MAX_VALUE);
    }
    return value;
  }

  private static float finiteFloat(Token token, String body) {
    float value = Float.parseFloat(body);
    if (Float.isInfinite(value)) {
      throw outOfRange(token, body, "float", -Float.MAX_VALUE, Float.MAX_VALUE);
    }
    return value;
  }

  private static ParseException outOfRange(Token token, String body, String typeName,
      Number minimum, Number maximum) {
    return new ParseException(ParseException.INVALID_NUMERIC_LITERAL_RANGE,
        "Numeric literal " + body + " is outside the valid range for " + typeName
            + " with minimum value of " + minimum + " and maximum value of " + maximum
            + ". Please adjust the value accordingly",
        token.line(), token.column(), token.text(), List.of());
  }
}
