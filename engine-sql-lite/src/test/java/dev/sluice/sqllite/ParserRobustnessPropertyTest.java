package dev.sluice.sqllite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.Select;
import dev.sluice.sqllite.ast.TypeSpec;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the parser either succeeds or raises {@link ParseException}. */
class ParserRobustnessPropertyTest {

  private static final List<Function<String, Object>> ENTRY_POINTS = List.of(
      SqlParser::parseExpression, SqlParser::parseDataType, SqlParser::parseQuery,
      SqlParser::parseSchema, SqlParser::parseMultipartIdentifier,
      dev.sluice.sqllite.ast.IntervalLiteral::parse);

  private static final List<String> SQL_FRAGMENTS = List.of(
      "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "JOIN", "LEFT",
      "RIGHT", "FULL", "OUTER", "CROSS", "SEMI", "ANTI", "ON", "USING", "AS", "DISTINCT", "AND",
      "OR", "NOT", "IS", "NULL", "IN", "BETWEEN", "LIKE", "ILIKE", "RLIKE", "ESCAPE", "CASE",
      "WHEN", "THEN", "ELSE", "END", "CAST", "TRY_CAST", "OVER", "PARTITION", "ROWS", "RANGE",
      "UNBOUNDED", "PRECEDING", "FOLLOWING", "CURRENT", "ROW", "INTERVAL", "DAY", "HOURS",
      "SECOND", "TIMESTAMP", "DATE", "TRUE", "FALSE", "DESC", "NULLS", "FIRST", "int", "bigint",
      "decimal", "array", "map", "struct", "string", "COMMENT", "window", "start", "count",
      "current_timestamp", "div", "a", "b", "`x y`", "`a``b`", "0", "1", "-1", "2147483648",
      "1.5", ".5", "1e3", "1e999", "10L", "128Y", "1.5BD", "1.5D", "2F",
      "99999999999999999999999999999999999999999", "'s'", "'\\u00e9'", "\"d\"", "'10 minutes'",
      "'1 parsec'", "(", ")", "[", "]", ",", ".", ";", "+", "-", "*", "/", "%", "~", "&", "|",
      "^", "||", "=", "==", "<=>", "<>", "!=", "!", "<", "<=", ">", ">=", "::", ":", "->", "=>",
      "/*", "*/", "--", "\n", "'", "`", "\\", "#", "$", "?");

  @Property(tries = 1000)
  void randomTextRaisesOnlyParseExceptions(@ForAll String text) {
    assertOnlyParseExceptions(text);
  }

  @Property(tries = 3000)
  void tokenSoupRaisesOnlyParseExceptions(@ForAll("tokenSoup") String text) {
    assertOnlyParseExceptions(text);
  }

  @Property(tries = 3000)
  void parsedTokenSoupRendersToTextThatReadsBackIdentically(@ForAll("tokenSoup") String text) {
    assertRenderingReadsBack(text);
  }

  @Property(tries = 2000)
  void generatedExpressionsParseAndReadBack(@ForAll("expressions") String text) {
    Expr parsed = SqlParser.parseExpression(text);
    assertThat(SqlParser.parseExpression(parsed.toString())).isEqualTo(parsed);
  }

  @Property(tries = 500)
  void generatedTypesParseAndReadBack(@ForAll("types") String text) {
    TypeSpec parsed = SqlParser.parseDataType(text);
    assertThat(SqlParser.parseDataType(parsed.toString())).isEqualTo(parsed);
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    Arbitrary<String> separator = Arbitraries.of(" ", "", " ", "\n");
    Arbitrary<String> tokenWithSeparator = Combinators.combine(
        Arbitraries.of(SQL_FRAGMENTS), separator).as(String::concat);
    return tokenWithSeparator.list().ofMaxSize(25).map(tokens -> String.join("", tokens));
  }

  @Provide
  Arbitrary<String> expressions() {
    return expression(4);
  }

  @Provide
  Arbitrary<String> types() {
    return type(3);
  }

  private Arbitrary<String> expression(int depth) {
    Arbitrary<String> atom = Arbitraries.of("a", "b.c", "`x y`", "window.end", "1", "-7", "2.50",
        "3L", "1e3", "1.5F", "'s'", "'it\\'s'", "TRUE", "NULL", "DATE '2020-01-01'",
        "INTERVAL 1 DAY 2 HOURS", "current_date", "count(*)", "t.*", "10Y");
    if (depth == 0) {
      return atom;
    }
    Arbitrary<String> child = Arbitraries.lazy(() -> expression(depth - 1));
    Arbitrary<String> operator = Arbitraries.of("+", "-", "*", "/", "%", "div", "||", "=", "==",
        "<=>", "<>", "!=", "<", "<=", ">", ">=", "AND", "OR", "&", "|", "^");
    return Arbitraries.oneOf(
        atom,
        Combinators.combine(child, operator, child).as((l, o, r) -> l + " " + o + " " + r),
        Combinators.combine(Arbitraries.of("-", "+", "~", "NOT "), child)
            .as((o, e) -> "(" + o + "(" + e + "))"),
        child.map(e -> "(" + e + ") IS NOT NULL"),
        Combinators.combine(child, child, child)
            .as((v, l, u) -> "(" + v + ") NOT BETWEEN (" + l + ") AND (" + u + ")"),
        Combinators.combine(child, child).as((v, p) -> "(" + v + ") LIKE (" + p + ")"),
        child.list().ofMinSize(1).ofMaxSize(3)
            .map(list -> "a IN (" + String.join(", ", list) + ")"),
        Combinators.combine(child, child, child)
            .as((c, r, e) -> "CASE WHEN " + c + " THEN " + r + " ELSE " + e + " END"),
        Combinators.combine(child, type(1)).as((e, t) -> "CAST(" + e + " AS " + t + ")"),
        child.map(e -> "(" + e + ")::string"),
        child.map(e -> "f(" + e + ")[0].x"),
        child.map(e -> "transform(a, x -> " + e + ")"),
        Combinators.combine(child, child).as((e, k) ->
            "sum(" + e + ") OVER (PARTITION BY " + k + " ORDER BY a DESC NULLS LAST "
                + "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)"));
  }

  private Arbitrary<String> type(int depth) {
    Arbitrary<String> primitive = Arbitraries.of("int", "BIGINT", "string", "decimal(20,2)",
        "timestamp", "varchar(5)", "boolean", "void", "interval", "tinyint");
    if (depth == 0) {
      return primitive;
    }
    Arbitrary<String> child = Arbitraries.lazy(() -> type(depth - 1));
    return Arbitraries.oneOf(
        primitive,
        child.map(element -> "array<" + element + ">"),
        Combinators.combine(child, child).as((key, value) -> "map<" + key + ", " + value + ">"),
        Combinators.combine(child, child).as((a, b) -> "struct<a: " + a + ", `b c` " + b + ">"));
  }

  private static void assertOnlyParseExceptions(String text) {
    for (Function<String, Object> entryPoint : ENTRY_POINTS) {
      assertThatCode(() -> {
        try {
          entryPoint.apply(text);
        } catch (ParseException expected) {
          assertThat(expected.line()).isPositive();
          assertThat(expected.column()).isPositive();
          assertThat(expected.getMessage()).contains(expected.getCondition());
        }
      }).as("parsing %s", text).doesNotThrowAnyException();
    }
  }

  private static void assertRenderingReadsBack(String text) {
    try {
      Expr expression = SqlParser.parseExpression(text);
      assertThat(SqlParser.parseExpression(expression.toString())).as(text).isEqualTo(expression);
    } catch (ParseException ignored) {
      // Only successfully parsed input is checked.
    }
    try {
      Select query = SqlParser.parseQuery(text);
      assertThat(SqlParser.parseQuery(query.toString())).as(text).isEqualTo(query);
    } catch (ParseException ignored) {
      // Only successfully parsed input is checked.
    }
  }
}
