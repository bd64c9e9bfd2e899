package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static dev.sluice.sqllite.SqlParser.parseMultipartIdentifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.Alias;
import dev.sluice.sqllite.ast.BinaryOp;
import dev.sluice.sqllite.ast.BinaryOperator;
import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.FieldAccess;
import dev.sluice.sqllite.ast.FunctionCall;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.Star;
import dev.sluice.sqllite.ast.StringLiteral;
import dev.sluice.sqllite.ast.Subscript;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Column references, stars, field access, subscripts and aliases. */
class NameParsingTest {

  @Nested
  class ColumnReferences {

    @Test
    void dottedNamesAreOneColumnReference() {
      assertThat(parseExpression("a")).isEqualTo(ColumnRef.of("a"));
      assertThat(parseExpression("a.b.c")).isEqualTo(ColumnRef.of("a", "b", "c"));
    }

    @Test
    void backquotedPartsMayContainAnything() {
      assertThat(parseExpression("`x y`")).isEqualTo(ColumnRef.of("x y"));
      assertThat(parseExpression("`my col`.x")).isEqualTo(ColumnRef.of("my col", "x"));
      assertThat(parseExpression("`a``b`")).isEqualTo(ColumnRef.of("a`b"));
      assertThat(parseExpression("`select`")).isEqualTo(ColumnRef.of("select"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"end", "start", "window", "type", "date", "timestamp", "year",
        "value", "key", "interval", "left", "first", "last", "current", "row"})
    void nonReservedKeywordsAreColumnNames(String name) {
      assertThat(parseExpression(name)).isEqualTo(ColumnRef.of(name));
    }

    @Test
    void windowStartAndEndAreColumnReferences() {
      assertThat(parseExpression("window.start")).isEqualTo(ColumnRef.of("window", "start"));
      assertThat(parseExpression("window.end")).isEqualTo(ColumnRef.of("window", "end"));
      assertThat(parseExpression("t.from")).isEqualTo(ColumnRef.of("t", "from"));
    }

    @Test
    void renderingQuotesNamesThatWouldNotReadBack() {
      assertThat(ColumnRef.of("x y", "a`b", "select", "ok_1").toString())
          .isEqualTo("`x y`.`a``b`.`select`.ok_1");
    }

    @Test
    void multipartIdentifiers() {
      assertThat(parseMultipartIdentifier("a.b.c")).containsExactly("a", "b", "c");
      assertThat(parseMultipartIdentifier("`my col`.x")).containsExactly("my col", "x");
      assertThat(parseMultipartIdentifier("db.`from`.select")).containsExactly("db", "from", "select");
    }

    @Test
    void malformedMultipartIdentifiersAreRejected() {
      assertThatThrownBy(() -> parseMultipartIdentifier("a.")).isInstanceOf(ParseException.class);
      assertThatThrownBy(() -> parseMultipartIdentifier("a b")).isInstanceOf(ParseException.class);
      assertThatThrownBy(() -> parseMultipartIdentifier("")).isInstanceOf(ParseException.class);
    }
  }

  @Nested
  class Stars {

    @Test
    void bareAndQualifiedStars() {
      assertThat(parseExpression("*")).isEqualTo(new Star(List.of()));
      assertThat(parseExpression("a.*")).isEqualTo(new Star(List.of("a")));
      assertThat(parseExpression("db.`t 1`.*")).isEqualTo(new Star(List.of("db", "t 1")));
    }
  }

  @Nested
  class PostfixAccess {

    @Test
    void subscripts() {
      assertThat(parseExpression("a[0]")).isEqualTo(new Subscript(ColumnRef.of("a"), new IntLiteral(0)));
      assertThat(parseExpression("m['k']"))
          .isEqualTo(new Subscript(ColumnRef.of("m"), new StringLiteral("k")));
      assertThat(parseExpression("a[0][1]").toString()).isEqualTo("a[0][1]");
    }

    @Test
    void fieldAccessOnComputedValues() {
      assertThat(parseExpression("(a).b")).isEqualTo(new FieldAccess(ColumnRef.of("a"), "b"));
      assertThat(parseExpression("f(x).y"))
          .isEqualTo(new FieldAccess(FunctionCall.of("f", ColumnRef.of("x")), "y"));
      assertThat(parseExpression("a[0].b.c").toString()).isEqualTo("a[0].b.c");
      assertThat(parseExpression("(a + b).end"))
          .isEqualTo(new FieldAccess(new BinaryOp(BinaryOperator.ADD, ColumnRef.of("a"),
              ColumnRef.of("b")), "end"));
    }
  }

  @Nested
  class Aliases {

    @Test
    void explicitAndBareAliases() {
      Alias expected = Alias.of(parseExpression("a + 1"), "x");
      assertThat(parseExpression("a + 1 AS x")).isEqualTo(expected);
      assertThat(parseExpression("a + 1 x")).isEqualTo(expected);
      assertThat(parseExpression("a + 1 as `x`")).isEqualTo(expected);
    }

    @Test
    void keywordsMayFollowAs() {
      assertThat(parseExpression("a AS end")).isEqualTo(Alias.of(ColumnRef.of("a"), "end"));
      assertThat(parseExpression("a AS from")).isEqualTo(Alias.of(ColumnRef.of("a"), "from"));
    }

    @Test
    void multiAlias() {
      assertThat(parseExpression("explode(m) AS (k, v)")).isEqualTo(
          new Alias(FunctionCall.of("explode", ColumnRef.of("m")), List.of("k", "v")));
    }

    @Test
    void aliasRendering() {
      assertThat(parseExpression("a AS `my alias`").toString()).isEqualTo("a AS `my alias`");
    }
  }
}
