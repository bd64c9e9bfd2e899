package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static dev.sluice.sqllite.SqlParser.parseQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.Alias;
import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.JoinRelation;
import dev.sluice.sqllite.ast.JoinType;
import dev.sluice.sqllite.ast.NullOrdering;
import dev.sluice.sqllite.ast.Select;
import dev.sluice.sqllite.ast.SortItem;
import dev.sluice.sqllite.ast.Star;
import dev.sluice.sqllite.ast.SubqueryRelation;
import dev.sluice.sqllite.ast.TableRef;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParsingTest {

  private static final TableRef A = new TableRef(List.of("a"), null);
  private static final TableRef B = new TableRef(List.of("b"), null);

  @Nested
  class Clauses {

    @Test
    void selectWithoutFrom() {
      assertThat(parseQuery("SELECT 1")).isEqualTo(new Select(false, List.of(new IntLiteral(1)),
          null, null, List.of(), null, List.of(), null));
    }

    @Test
    void everyClause() {
      Select select = parseQuery("SELECT DISTINCT k, count(*) AS n FROM db.events e "
          + "WHERE v > 0 GROUP BY k, 2 HAVING count(*) > 1 ORDER BY n DESC NULLS LAST, k LIMIT 10");
      assertThat(select.distinct()).isTrue();
      assertThat(select.projections())
          .containsExactly(ColumnRef.of("k"), Alias.of(parseExpression("count(*)"), "n"));
      assertThat(select.from()).isEqualTo(new TableRef(List.of("db", "events"), "e"));
      assertThat(select.where()).isEqualTo(parseExpression("v > 0"));
      assertThat(select.groupBy()).containsExactly(ColumnRef.of("k"), new IntLiteral(2));
      assertThat(select.having()).isEqualTo(parseExpression("count(*) > 1"));
      assertThat(select.orderBy()).containsExactly(
          new SortItem(ColumnRef.of("n"), false, NullOrdering.NULLS_LAST),
          new SortItem(ColumnRef.of("k"), true, NullOrdering.DEFAULT));
      assertThat(select.limit()).isEqualTo(new IntLiteral(10));
    }

    @Test
    void starsAndAliasesInTheSelectList() {
      assertThat(parseQuery("SELECT *, t.*, a + 1 x, b AS `y z` FROM t").projections())
          .containsExactly(new Star(List.of()), new Star(List.of("t")),
              Alias.of(parseExpression("a + 1"), "x"), Alias.of(ColumnRef.of("b"), "y z"));
    }

    @Test
    void streamingWindowAggregation() {
      Select select = parseQuery("SELECT window.start, window.end, word, count(*) AS count "
          + "FROM words GROUP BY window(timestamp, '10 minutes', '5 minutes'), word");
      assertThat(select.projections().subList(0, 2))
          .containsExactly(ColumnRef.of("window", "start"), ColumnRef.of("window", "end"));
      assertThat(select.groupBy().get(0).toString())
          .isEqualTo("window(timestamp, '10 minutes', '5 minutes')");
    }

    @Test
    void trailingSemicolonsAreAllowed() {
      assertThat(parseQuery("SELECT a FROM t;;")).isEqualTo(parseQuery("SELECT a FROM t"));
    }

    @Test
    void renderingReadsBack() {
      String text = "SELECT DISTINCT a AS x, count(*) FROM t AS u LEFT OUTER JOIN v USING (id) "
          + "WHERE (a > 1) GROUP BY a HAVING (count(*) > 2) ORDER BY a DESC NULLS FIRST LIMIT 5";
      assertThat(parseQuery(text).toString()).isEqualTo(text);
    }
  }

  @Nested
  class Relations {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a JOIN b | INNER", "a INNER JOIN b | INNER", "a LEFT JOIN b | LEFT_OUTER",
        "a LEFT OUTER JOIN b | LEFT_OUTER", "a RIGHT JOIN b | RIGHT_OUTER",
        "a right outer join b | RIGHT_OUTER", "a FULL JOIN b | FULL_OUTER",
        "a FULL OUTER JOIN b | FULL_OUTER", "a LEFT SEMI JOIN b | LEFT_SEMI",
        "a SEMI JOIN b | LEFT_SEMI", "a LEFT ANTI JOIN b | LEFT_ANTI", "a ANTI JOIN b | LEFT_ANTI",
        "a CROSS JOIN b | CROSS", "a, b | CROSS"})
    void joinTypes(String from, JoinType type) {
      assertThat(parseQuery("SELECT * FROM " + from).from())
          .isEqualTo(new JoinRelation(A, B, type, null, List.of()));
    }

    @Test
    void joinConditionsAndUsingColumns() {
      assertThat(parseQuery("SELECT * FROM a JOIN b ON a.id = b.id").from())
          .isEqualTo(new JoinRelation(A, B, JoinType.INNER, parseExpression("a.id = b.id"), List.of()));
      assertThat(parseQuery("SELECT * FROM a LEFT JOIN b USING (id, `day`)").from())
          .isEqualTo(new JoinRelation(A, B, JoinType.LEFT_OUTER, null, List.of("id", "day")));
    }

    @Test
    void joinsAreLeftDeep() {
      assertThat(parseQuery("SELECT * FROM a JOIN b ON x JOIN c ON y, d").from().toString())
          .isEqualTo("a JOIN b ON x JOIN c ON y CROSS JOIN d");
      JoinRelation outer = (JoinRelation) parseQuery("SELECT * FROM a JOIN b JOIN c").from();
      assertThat(outer.left()).isInstanceOf(JoinRelation.class);
      assertThat(outer.right()).isEqualTo(new TableRef(List.of("c"), null));
    }

    @Test
    void tableAliasesWithAndWithoutAs() {
      assertThat(parseQuery("SELECT * FROM events AS e").from())
          .isEqualTo(new TableRef(List.of("events"), "e"));
      assertThat(parseQuery("SELECT * FROM events e WHERE x").from())
          .isEqualTo(new TableRef(List.of("events"), "e"));
      assertThat(parseQuery("SELECT * FROM events LEFT JOIN b").from())
          .isInstanceOf(JoinRelation.class);
    }

    @Test
    void subqueriesWithAndWithoutAlias() {
      Select inner = parseQuery("SELECT a FROM t");
      assertThat(parseQuery("SELECT * FROM (SELECT a FROM t) s").from())
          .isEqualTo(new SubqueryRelation(inner, "s"));
      assertThat(parseQuery("SELECT * FROM (SELECT a FROM t)").from())
          .isEqualTo(new SubqueryRelation(inner, null));
    }

    @Test
    void parenthesizedJoin() {
      assertThat(parseQuery("SELECT * FROM a JOIN (b JOIN c ON y) ON x").from().toString())
          .isEqualTo("a JOIN (b JOIN c ON y) ON x");
    }

    @Test
    void reservedWordIsNotATableName() {
      assertThatThrownBy(() -> parseQuery("SELECT * FROM where"))
          .isInstanceOfSatisfying(ParseException.class, error -> {
            assertThat(error.offendingToken()).isEqualTo("where");
            assertThat(error.expected()).containsExactly("a table name", "'('");
          });
    }
  }
}
