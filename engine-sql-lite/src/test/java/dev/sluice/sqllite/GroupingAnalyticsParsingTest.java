package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.Parameter;
import dev.sluice.sqllite.ast.Select;
import org.junit.jupiter.api.Test;

/** {@code GROUP BY} with grouping analytics expands to Spark's grouping sets; parameter markers parse. */
class GroupingAnalyticsParsingTest {

  private static String sets(String sql) {
    return parseQuery(sql).groupingSets().toString();
  }

  @Test
  void rollupCubeAndGroupingSetsExpandAsSparks() {
    assertThat(sets("SELECT 1 FROM t GROUP BY ROLLUP(a, b)")).isEqualTo("[[a, b], [a], []]");
    assertThat(sets("SELECT 1 FROM t GROUP BY CUBE(a, b)")).isEqualTo("[[a, b], [a], [b], []]");
    assertThat(sets("SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), a, ())")).isEqualTo("[[a, b], [a], []]");
    assertThat(sets("SELECT 1 FROM t GROUP BY a, b WITH ROLLUP")).isEqualTo("[[a, b], [a], []]");
    assertThat(sets("SELECT 1 FROM t GROUP BY a, b WITH CUBE")).isEqualTo("[[a, b], [a], [b], []]");
    // items multiply: a plain column is in every set
    assertThat(sets("SELECT 1 FROM t GROUP BY a, ROLLUP(b, c)")).isEqualTo("[[a, b, c], [a, b], [a]]");
    // a composite element of ROLLUP stays together
    assertThat(sets("SELECT 1 FROM t GROUP BY ROLLUP((a, b), c)")).isEqualTo("[[a, b, c], [a, b], []]");
    Select select = parseQuery("SELECT 1 FROM t GROUP BY CUBE(b, a)");
    assertThat(select.groupBy().toString()).isEqualTo("[b, a]");
  }

  @Test
  void aPlainGroupByHasNoSetsAndRollupIsStillAFunctionNameElsewhere() {
    assertThat(parseQuery("SELECT 1 FROM t GROUP BY a, b").groupingSets()).isNull();
    assertThat(parseQuery("SELECT rollup FROM t GROUP BY rollup").groupingSets()).isNull();
    assertThat(parseQuery("SELECT 1 FROM t GROUP BY GROUPING SETS ((a), (b))").toString())
        .isEqualTo("SELECT 1 FROM t GROUP BY GROUPING SETS ((a), (b))");
  }

  @Test
  void withRollupNeedsPlainExpressions() {
    assertThatThrownBy(() -> parseQuery("SELECT 1 FROM t GROUP BY ROLLUP(a) WITH CUBE"))
        .isInstanceOf(ParseException.class);
  }

  @Test
  void parameterMarkersKeepTheirOffsetAndRank() {
    Select select = parseQuery("SELECT ?, :name, ?");
    assertThat(select.projections()).containsExactly(new Parameter(null, 7, 0), Parameter.named("name"),
        new Parameter(null, 17, 1));
    Parameter second = (Parameter) select.projections().get(2);
    assertThat(second.offset()).isEqualTo(17);
    assertThat(select.toString()).isEqualTo("SELECT ?, :name, ?");
  }
}
