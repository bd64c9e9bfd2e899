package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.BooleanLiteral;
import dev.sluice.sqllite.ast.Cast;
import dev.sluice.sqllite.ast.DateLiteral;
import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.IntervalLiteral;
import dev.sluice.sqllite.ast.IntervalUnit;
import dev.sluice.sqllite.ast.NullLiteral;
import dev.sluice.sqllite.ast.PrimitiveKind;
import dev.sluice.sqllite.ast.PrimitiveTypeSpec;
import dev.sluice.sqllite.ast.StringLiteral;
import dev.sluice.sqllite.ast.TimestampLiteral;
import java.util.regex.Pattern;

/**
 * Parses string, keyword, typed ({@code DATE '...'}, {@code TIMESTAMP '...'}) and interval
 * literals; numbers are delegated to {@link NumberLiterals}. Single-use and not thread-safe.
 */
final class LiteralParser {

  private static final Pattern UNSIGNED_DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

  private final TokenCursor cursor;

  LiteralParser(TokenCursor cursor) {
    this.cursor = cursor;
  }

  /** Converts a number token, negated when it followed a prefix minus sign. */
  Expr number(Token token, boolean negative) {
    return NumberLiterals.parse(token, negative);
  }

  /** Parses one or more adjacent string literals into one concatenated literal. */
  Expr string() {
    return new StringLiteral(concatenatedStrings());
  }

  /** Converts the keyword {@code TRUE}, {@code FALSE} or {@code NULL}. */
  Expr keywordLiteral(Token token) {
    return switch (token.keyword()) {
      case "TRUE" -> new BooleanLiteral(true);
      case "FALSE" -> new BooleanLiteral(false);
      default -> new NullLiteral();
    };
  }

  /** Parses {@code DATE '...'}, {@code TIMESTAMP[_LTZ|_NTZ] '...'}. */
  Expr typedLiteral() {
    String keyword = cursor.next().keyword();
    String text = concatenatedStrings();
    return switch (keyword) {
      case "DATE" -> new DateLiteral(text);
      case "TIMESTAMP_NTZ" -> new Cast(new StringLiteral(text),
          new PrimitiveTypeSpec(PrimitiveKind.TIMESTAMP_NTZ), false);
      default -> new TimestampLiteral(text);
    };
  }

  /**
   * Whether the {@code INTERVAL} at the current token starts a literal rather than naming a
   * column: it must be followed by a string, a number, or a signed value and a unit.
   */
  boolean atIntervalLiteral() {
    TokenType following = cursor.peek(1).type();
    if (following == TokenType.STRING || following == TokenType.NUMBER) {
      return true;
    }
    return (following == TokenType.MINUS || following == TokenType.PLUS)
        && isValue(cursor.peek(2)) && isUnit(cursor.peek(3));
  }

  /**
   * Parses {@code INTERVAL '10 minutes'}, {@code INTERVAL '1' DAY} or the multi-unit form
   * {@code INTERVAL 1 DAY 2 HOURS}.
   */
  Expr interval() {
    Token intervalKeyword = cursor.expectKeyword("INTERVAL");
    if (cursor.at(TokenType.STRING) && !isUnit(cursor.peek(1))) {
      return intervalFromText(concatenatedStrings(), intervalKeyword);
    }
    StringBuilder text = new StringBuilder();
    do {
      text.append(signedValue()).append(' ').append(unit()).append(' ');
    } while (atValueAndUnit());
    return intervalFromText(text.toString(), intervalKeyword);
  }

  private String signedValue() {
    String sign = cursor.match(TokenType.MINUS) ? "-" : "";
    if (sign.isEmpty()) {
      cursor.match(TokenType.PLUS);
    }
    Token value = cursor.peek();
    boolean plainNumber = value.type() == TokenType.NUMBER
        && UNSIGNED_DECIMAL.matcher(value.text()).matches();
    if (!plainNumber && value.type() != TokenType.STRING) {
      throw cursor.error("a number", "a string literal");
    }
    cursor.next();
    return sign + value.value();
  }

  private String unit() {
    if (!isUnit(cursor.peek())) {
      throw cursor.error("an interval unit such as DAY or HOUR");
    }
    return cursor.next().text();
  }

  private boolean atValueAndUnit() {
    int ahead = cursor.at(TokenType.MINUS) || cursor.at(TokenType.PLUS) ? 1 : 0;
    return isValue(cursor.peek(ahead)) && isUnit(cursor.peek(ahead + 1));
  }

  private IntervalLiteral intervalFromText(String text, Token intervalKeyword) {
    try {
      return IntervalLiteral.parse(text);
    } catch (ParseException invalid) {
      throw cursor.conditionErrorAt(intervalKeyword, ParseException.INVALID_INTERVAL_FORMAT,
          invalid.detail(), invalid.expected().toArray(String[]::new));
    }
  }

  private String concatenatedStrings() {
    StringBuilder value = new StringBuilder(cursor.expect(TokenType.STRING).value());
    while (cursor.at(TokenType.STRING)) {
      value.append(cursor.next().value());
    }
    return value.toString();
  }

  private static boolean isValue(Token token) {
    return token.type() == TokenType.NUMBER || token.type() == TokenType.STRING;
  }

  private static boolean isUnit(Token token) {
    return token.type() == TokenType.IDENTIFIER && IntervalUnit.fromName(token.text()).isPresent();
  }
}
