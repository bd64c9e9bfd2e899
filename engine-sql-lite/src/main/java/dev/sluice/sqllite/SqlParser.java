package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.FieldSpec;
import dev.sluice.sqllite.ast.Select;
import dev.sluice.sqllite.ast.StructTypeSpec;
import dev.sluice.sqllite.ast.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Entry point of the parser: turns Spark SQL text into immutable AST nodes.
 *
 * <p>All methods are static, stateless and thread-safe. Malformed input always raises
 * {@link ParseException} (never another exception, even for pathological input such as deeply
 * nested parentheses); a null argument raises {@link NullPointerException}.
 */
public final class SqlParser {

  private SqlParser() {
  }

  /**
   * Parses one expression, optionally aliased ({@code a + 1 AS x}, {@code a + 1 x},
   * {@code explode(m) AS (k, v)}), in which case an {@link dev.sluice.sqllite.ast.Alias} is
   * returned.
   */
  public static Expr parseExpression(String text) {
    return parseFully(text, cursor -> new ExpressionParser(cursor).parseNamedExpression());
  }

  /**
   * Parses a data type such as {@code int}, {@code decimal(20,0)}, {@code array<int>},
   * {@code map<string,int>} or {@code struct<a:int,b:string>}; names are case-insensitive.
   */
  public static TypeSpec parseDataType(String text) {
    return parseFully(text, cursor -> new TypeParser(cursor).parseType());
  }

  /**
   * Parses a DDL schema such as {@code a INT, b STRUCT<c: STRING> NOT NULL, d ARRAY<STRING>
   * COMMENT 'x'}. Like Spark's {@code StructType.fromDDL}, a struct type such as
   * {@code struct<a:int>} is accepted too and yields its fields. Blank text yields no fields.
   */
  public static List<FieldSpec> parseSchema(String ddl) {
    Objects.requireNonNull(ddl, "ddl");
    if (ddl.isBlank()) {
      return List.of();
    }
    try {
      return parseFully(ddl, cursor -> List.copyOf(new TypeParser(cursor).parseColumns()));
    } catch (ParseException asColumns) {
      return structFieldsOrRethrow(ddl, asColumns);
    }
  }

  /** Parses a {@code SELECT} statement, optionally followed by semicolons. */
  public static Select parseQuery(String text) {
    return parseFully(text, cursor -> new QueryParser(cursor).parseStatement());
  }

  /** Parses a dotted name such as {@code a.b.c} or {@code `my col`.x} into its parts. */
  public static List<String> parseMultipartIdentifier(String text) {
    return parseFully(text, cursor -> {
      List<String> parts = new ArrayList<>();
      do {
        parts.add(cursor.identifier());
      } while (cursor.match(TokenType.DOT));
      return List.copyOf(parts);
    });
  }

  private static List<FieldSpec> structFieldsOrRethrow(String ddl, ParseException original) {
    TypeSpec type;
    try {
      type = parseDataType(ddl);
    } catch (ParseException notAType) {
      throw original;
    }
    if (type instanceof StructTypeSpec struct) {
      return struct.fields();
    }
    throw original;
  }

  /** Runs {@code rule} on the tokens of {@code text} and checks that all input was consumed. */
  private static <T> T parseFully(String text, Function<TokenCursor, T> rule) {
    Objects.requireNonNull(text, "text");
    try {
      TokenCursor cursor = new TokenCursor(text);
      T result = rule.apply(cursor);
      cursor.expectEnd();
      return result;
    } catch (StackOverflowError overflow) {
      // A safety net: the nesting limit normally stops deep input long before this.
      throw new ParseException(ParseException.FAILED_TO_PARSE_TOO_COMPLEX,
          ParseException.TOO_COMPLEX_TEXT, 1, 1, ParseException.END_OF_INPUT, List.of());
    }
  }
}
