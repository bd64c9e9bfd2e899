package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL's {@code GROUPING SETS}, {@code ROLLUP}, {@code CUBE}, {@code WITH ROLLUP/CUBE}, {@code grouping()} and
 * {@code grouping_id()}; the rows are computed by hand (and equal those of the Dataset API's {@code GroupingSetsTest}).
 */
class SqlGroupingSetsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
        spark.createDataFrame(List.of(RowFactory.create("p", "u", 1), RowFactory.create("p", "v", 2),
                RowFactory.create("q", "u", 4)), dev.sluice.sql.types.StructType.fromDDL("a STRING, b STRING, x INT"))
                .createOrReplaceTempView("sales");
    }

    private static List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream().map(Object::toString).toList();
    }

    private static final List<String> ROLLUP = List.of("[p,u,1,0,0]", "[p,v,2,0,0]", "[q,u,4,0,0]", "[p,null,3,0,1]",
            "[q,null,4,0,1]", "[null,null,7,1,3]");

    @Test
    void rollupWithGroupingAndGroupingId() {
        Dataset<Row> out = spark.sql("SELECT a, b, sum(x), grouping(a), grouping_id() FROM sales"
                + " GROUP BY ROLLUP(a, b) ORDER BY 5, 1, 2");
        assertThat(out.columns()).containsExactly("a", "b", "sum(x)", "grouping(a)", "grouping_id()");
        assertThat(out.collectAsList().stream().map(Object::toString).toList()).isEqualTo(ROLLUP);
        assertThat(out.schema().treeString()).isEqualTo("""
                root
                 |-- a: string (nullable = true)
                 |-- b: string (nullable = true)
                 |-- sum(x): long (nullable = true)
                 |-- grouping(a): byte (nullable = false)
                 |-- grouping_id(): long (nullable = false)
                """); // Spark 4.1.1's schema(): grouping(a) tinyint nullable=false (spark-examples/probes/issue-16-api/)
    }

    @Test
    void withRollupAndGroupingSetsAreTheSameRollup() {
        assertThat(rows("SELECT a, b, sum(x), grouping(a), grouping_id() FROM sales GROUP BY a, b WITH ROLLUP"
                + " ORDER BY 5, 1, 2")).isEqualTo(ROLLUP);
        assertThat(rows("SELECT a, b, sum(x), grouping(a), grouping_id(a, b) FROM sales"
                + " GROUP BY GROUPING SETS ((a, b), (a), ()) ORDER BY 5, 1, 2")).isEqualTo(ROLLUP);
    }

    @Test
    void cubeAndWithCubeGroupByEverySubset() {
        List<String> expected = List.of("[p,u,1]", "[p,v,1]", "[p,null,2]", "[q,u,1]", "[q,null,1]", "[null,u,2]",
                "[null,v,1]", "[null,null,3]");
        assertThat(rows("SELECT a, b, count(*) FROM sales GROUP BY CUBE(a, b) ORDER BY a NULLS LAST, b NULLS LAST"))
                .isEqualTo(expected);
        assertThat(rows("SELECT a, b, count(*) FROM sales GROUP BY a, b WITH CUBE"
                + " ORDER BY a NULLS LAST, b NULLS LAST")).isEqualTo(expected);
    }

    @Test
    void separateGroupingSetsAndAPlainColumnTimesARollup() {
        assertThat(rows("SELECT a, b, count(*) FROM sales GROUP BY GROUPING SETS ((a), (b))"
                + " ORDER BY a NULLS LAST, b NULLS LAST")).containsExactly("[p,null,2]", "[q,null,1]", "[null,u,2]",
                "[null,v,1]");
        // GROUP BY a, ROLLUP(b) = GROUPING SETS ((a, b), (a))
        assertThat(rows("SELECT a, b, sum(x) FROM sales GROUP BY a, ROLLUP(b) ORDER BY a, b NULLS LAST"))
                .containsExactly("[p,u,1]", "[p,v,2]", "[p,null,3]", "[q,u,4]", "[q,null,4]");
    }

    @Test
    void aggregatesReadTheOriginalColumnEvenWhereTheSetNullsIt() {
        assertThat(rows("SELECT x, sum(x), max(x) FROM sales GROUP BY ROLLUP(x) ORDER BY 1 NULLS LAST"))
                .containsExactly("[1,1,1]", "[2,2,2]", "[4,4,4]", "[null,7,4]");
    }

    @Test
    void havingFiltersTheGroupsOfEverySet() {
        assertThat(rows("SELECT a, sum(x) AS s FROM sales GROUP BY ROLLUP(a) HAVING sum(x) > 3 ORDER BY 1"))
                .containsExactly("[null,7]", "[q,4]");
    }

    @Test
    void groupingOfAColumnOutsideTheSetsFails() {
        assertThatThrownBy(() -> spark.sql("SELECT grouping(b) FROM sales GROUP BY ROLLUP(a)"))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[GROUPING_COLUMN_MISMATCH] Column of grouping (b) can't be found in grouping columns a."
                        + " SQLSTATE: 42803");
        assertThatThrownBy(() -> spark.sql("SELECT grouping_id(b, a) FROM sales GROUP BY CUBE(a, b)"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("GROUPING_ID_COLUMN_MISMATCH"));
    }
}
