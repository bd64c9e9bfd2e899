package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.ArrayTypeSpec;
import dev.sluice.sqllite.ast.DecimalTypeSpec;
import dev.sluice.sqllite.ast.FieldSpec;
import dev.sluice.sqllite.ast.IntervalTypeSpec;
import dev.sluice.sqllite.ast.MapTypeSpec;
import dev.sluice.sqllite.ast.PrimitiveKind;
import dev.sluice.sqllite.ast.PrimitiveTypeSpec;
import dev.sluice.sqllite.ast.StructTypeSpec;
import dev.sluice.sqllite.ast.TypeSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses data types ({@code int}, {@code decimal(20,0)}, {@code array<int>},
 * {@code map<string,int>}, {@code struct<a:int>}) and DDL column lists. Type names are
 * case-insensitive. Single-use and not thread-safe.
 */
final class TypeParser {

  private static final Map<String, PrimitiveKind> PRIMITIVES = Map.ofEntries(
      Map.entry("BOOLEAN", PrimitiveKind.BOOLEAN),
      Map.entry("TINYINT", PrimitiveKind.BYTE),
      Map.entry("BYTE", PrimitiveKind.BYTE),
      Map.entry("SMALLINT", PrimitiveKind.SHORT),
      Map.entry("SHORT", PrimitiveKind.SHORT),
      Map.entry("INT", PrimitiveKind.INT),
      Map.entry("INTEGER", PrimitiveKind.INT),
      Map.entry("BIGINT", PrimitiveKind.LONG),
      Map.entry("LONG", PrimitiveKind.LONG),
      Map.entry("FLOAT", PrimitiveKind.FLOAT),
      Map.entry("REAL", PrimitiveKind.FLOAT),
      Map.entry("DOUBLE", PrimitiveKind.DOUBLE),
      Map.entry("STRING", PrimitiveKind.STRING),
      Map.entry("BINARY", PrimitiveKind.BINARY),
      Map.entry("DATE", PrimitiveKind.DATE),
      Map.entry("TIMESTAMP", PrimitiveKind.TIMESTAMP),
      Map.entry("TIMESTAMP_LTZ", PrimitiveKind.TIMESTAMP),
      Map.entry("TIMESTAMP_NTZ", PrimitiveKind.TIMESTAMP_NTZ),
      Map.entry("VOID", PrimitiveKind.NULL));

  private static final Set<String> DECIMAL_NAMES = Set.of("DECIMAL", "DEC", "NUMERIC");
  private static final Set<String> SIZED_STRING_NAMES = Set.of("VARCHAR", "CHAR", "CHARACTER");
  private static final Set<String> INTERVAL_FIELDS =
      Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

  private final TokenCursor cursor;

  TypeParser(TokenCursor cursor) {
    this.cursor = cursor;
  }

  /** Parses one data type. */
  TypeSpec parseType() {
    cursor.enterNesting();
    Token name = cursor.peek();
    if (name.type() != TokenType.IDENTIFIER) {
      throw cursor.error("a data type");
    }
    cursor.next();
    TypeSpec type = typeNamed(name);
    cursor.exitNesting(1);
    return type;
  }

  /** Parses DDL columns {@code name type [NOT NULL] [COMMENT '...'], ...}. */
  List<FieldSpec> parseColumns() {
    List<FieldSpec> fields = new ArrayList<>();
    do {
      fields.add(parseField());
    } while (cursor.match(TokenType.COMMA));
    return fields;
  }

  private TypeSpec typeNamed(Token name) {
    String keyword = name.keyword();
    PrimitiveKind primitive = PRIMITIVES.get(keyword);
    if (primitive != null) {
      return new PrimitiveTypeSpec(primitive);
    }
    if (DECIMAL_NAMES.contains(keyword)) {
      return parseDecimalParameters(name);
    }
    if (SIZED_STRING_NAMES.contains(keyword)) {
      cursor.expect(TokenType.LEFT_PAREN);
      parseTypeParameter();
      cursor.expect(TokenType.RIGHT_PAREN);
      return new PrimitiveTypeSpec(PrimitiveKind.STRING);
    }
    return switch (keyword) {
      case "INTERVAL" -> parseIntervalQualifier();
      case "ARRAY" -> parseArray();
      case "MAP" -> parseMap();
      case "STRUCT" -> parseStruct();
      default -> throw cursor.conditionErrorAt(name, ParseException.UNSUPPORTED_DATATYPE,
          "Unsupported data type \"" + keyword + "\"", "a data type");
    };
  }

  private TypeSpec parseDecimalParameters(Token name) {
    if (!cursor.match(TokenType.LEFT_PAREN)) {
      return new DecimalTypeSpec(DecimalTypeSpec.DEFAULT_PRECISION, 0);
    }
    int precision = parseTypeParameter();
    int scale = cursor.match(TokenType.COMMA) ? parseTypeParameter() : 0;
    if (!cursor.match(TokenType.RIGHT_PAREN)) {
      throw cursor.error("','", "')'");
    }
    if (precision > DecimalTypeSpec.MAX_PRECISION) {
      throw cursor.conditionErrorAt(name, ParseException.DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION,
          "Decimal precision " + precision + " exceeds max precision "
              + DecimalTypeSpec.MAX_PRECISION);
    }
    if (precision < 1 || scale > precision) {
      throw cursor.conditionErrorAt(name, ParseException.UNSUPPORTED_DATATYPE,
          "Unsupported data type \"DECIMAL(" + precision + "," + scale + ")\": precision must be"
              + " at least 1 and scale between 0 and the precision");
    }
    return new DecimalTypeSpec(precision, scale);
  }

  /** Parses a non-negative integer type parameter, saturating huge values at MAX_VALUE. */
  private int parseTypeParameter() {
    Token token = cursor.peek();
    if (token.type() != TokenType.NUMBER || !token.text().chars().allMatch(Character::isDigit)) {
      throw cursor.error("an integer");
    }
    cursor.next();
    BigInteger value = new BigInteger(token.text());
    return value.bitLength() < Integer.SIZE ? value.intValue() : Integer.MAX_VALUE;
  }

  /**
   * Spark's ANSI interval types such as {@code interval day to second} or {@code interval year}; a bare
   * {@code interval} is the calendar interval.
   */
  private TypeSpec parseIntervalQualifier() {
    if (!atIntervalField()) {
      return new PrimitiveTypeSpec(PrimitiveKind.INTERVAL);
    }
    Token start = cursor.next();
    String from = start.keyword();
    String to = from;
    if (cursor.matchKeyword("TO")) {
      if (!atIntervalField()) {
        throw cursor.error("an interval field such as DAY or SECOND");
      }
      to = cursor.next().keyword();
    }
    boolean sameKind = IntervalTypeSpec.YEAR_MONTH.contains(from) == IntervalTypeSpec.YEAR_MONTH.contains(to);
    if (!sameKind || IntervalTypeSpec.index(from) > IntervalTypeSpec.index(to)) {
      throw cursor.conditionErrorAt(start, ParseException.UNSUPPORTED_DATATYPE,
          "Unsupported data type \"INTERVAL " + from + " TO " + to + "\"", "a data type");
    }
    return new IntervalTypeSpec(from, to);
  }

  private boolean atIntervalField() {
    return cursor.at(TokenType.IDENTIFIER) && INTERVAL_FIELDS.contains(cursor.peek().keyword());
  }

  private TypeSpec parseArray() {
    cursor.expect(TokenType.LESS_THAN);
    TypeSpec element = parseType();
    cursor.expect(TokenType.GREATER_THAN);
    return new ArrayTypeSpec(element);
  }

  private TypeSpec parseMap() {
    cursor.expect(TokenType.LESS_THAN);
    TypeSpec key = parseType();
    cursor.expect(TokenType.COMMA);
    TypeSpec value = parseType();
    cursor.expect(TokenType.GREATER_THAN);
    return new MapTypeSpec(key, value);
  }

  private TypeSpec parseStruct() {
    if (cursor.match(TokenType.NOT_EQUAL_ANGLE)) {
      return new StructTypeSpec(List.of());
    }
    cursor.expect(TokenType.LESS_THAN);
    if (cursor.match(TokenType.GREATER_THAN)) {
      return new StructTypeSpec(List.of());
    }
    List<FieldSpec> fields = parseColumns();
    if (!cursor.match(TokenType.GREATER_THAN)) {
      throw cursor.error("','", "'>'");
    }
    return new StructTypeSpec(fields);
  }

  private FieldSpec parseField() {
    String name = cursor.identifier();
    cursor.match(TokenType.COLON);
    TypeSpec type = parseType();
    boolean nullable = true;
    if (cursor.matchKeyword("NOT")) {
      cursor.expectKeyword("NULL");
      nullable = false;
    }
    String comment = cursor.matchKeyword("COMMENT") ? cursor.expect(TokenType.STRING).value() : null;
    return new FieldSpec(name, type, nullable, comment);
  }
}
