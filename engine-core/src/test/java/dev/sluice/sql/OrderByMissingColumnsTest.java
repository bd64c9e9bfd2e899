package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ORDER BY, HAVING and filters naming columns the select list left out, as Spark's ResolveMissingReferences. Every
 * expected row and error is real Spark 4.1.1's for the same program (spark-examples/probes/issue-16-api/Probe1.java, Probe2.java,
 * with their outputs).
 */
class OrderByMissingColumnsTest {
    private static SluiceSession spark;
    private static Dataset<Row> df;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
        df = spark.createDataFrame(List.of(RowFactory.create(1, "p", 10L), RowFactory.create(1, "q", 20L),
                RowFactory.create(2, "p", 30L), RowFactory.create(3, "r", 5L)),
                StructType.fromDDL("a INT, b STRING, x BIGINT NOT NULL"));
        df.createOrReplaceTempView("t");
    }

    private static List<String> rows(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    private static List<String> sql(String text) {
        return rows(spark.sql(text));
    }

    @Test
    void sqlOrderByAColumnNotSelected() {
        assertThat(sql("SELECT a FROM t ORDER BY b, x")).containsExactly("[1]", "[2]", "[1]", "[3]");
        assertThat(sql("SELECT a AS z FROM t ORDER BY b DESC, x")).containsExactly("[3]", "[1]", "[1]", "[2]");
        assertThat(sql("SELECT a FROM t ORDER BY t.x DESC")).containsExactly("[2]", "[1]", "[1]", "[3]");
        assertThat(spark.sql("SELECT a FROM t ORDER BY b, x").columns()).containsExactly("a");
    }

    @Test
    void sqlAggregateOrderByGroupingColumnsAndAggregatesNotSelected() {
        assertThat(sql("SELECT sum(x) FROM t GROUP BY a, b ORDER BY b, a")).containsExactly("[10]", "[30]", "[20]",
                "[5]");
        assertThat(sql("SELECT a FROM t GROUP BY a ORDER BY sum(x)")).containsExactly("[3]", "[1]", "[2]");
        assertThat(sql("SELECT a, sum(x) FROM t GROUP BY a ORDER BY count(*) DESC, a")).containsExactly("[1,30]",
                "[2,30]", "[3,5]");
        assertThat(spark.sql("SELECT a FROM t GROUP BY a ORDER BY sum(x)").columns()).containsExactly("a");
        assertThatThrownBy(() -> spark.sql("SELECT a FROM t GROUP BY a ORDER BY x").collectAsList())
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function"
                        + " parameter with name `x` cannot be resolved. Did you mean one of the following? [`a`].");
    }

    @Test
    void sqlDistinctCannotSortByAColumnItDropped() {
        assertThatThrownBy(() -> spark.sql("SELECT DISTINCT a FROM t ORDER BY b").collectAsList())
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function"
                        + " parameter with name `b` cannot be resolved. Did you mean one of the following? [`a`].")
                .satisfies(e -> assertThat(((AnalysisException) e).getSqlState()).isEqualTo("42703"));
        assertThat(sql("SELECT DISTINCT a FROM t ORDER BY a DESC")).containsExactly("[3]", "[2]", "[1]");
    }

    @Test
    void havingOnAggregatesNotSelectedAndNotOnOtherColumns() {
        assertThat(sql("SELECT a FROM t GROUP BY a HAVING sum(x) > 15")).containsExactlyInAnyOrder("[1]", "[2]");
        assertThat(sql("SELECT a, count(*) c FROM t GROUP BY a HAVING max(x) >= 20 AND c > 0"))
                .containsExactlyInAnyOrder("[1,2]", "[2,1]");
        assertThatThrownBy(() -> spark.sql("SELECT a FROM t GROUP BY a HAVING x > 1").collectAsList())
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function"
                        + " parameter with name `x` cannot be resolved. Did you mean one of the following? [`a`].");
    }

    @Test
    void datasetOrderByFilterAndWhereOnADroppedColumn() {
        assertThat(rows(df.select("a").orderBy("b", "x"))).containsExactly("[1]", "[2]", "[1]", "[3]");
        assertThat(rows(df.select(col("a").as("z")).orderBy(col("x").desc()))).containsExactly("[2]", "[1]", "[1]",
                "[3]");
        assertThat(rows(df.select("a").sort(col("b").desc(), col("x")))).containsExactly("[3]", "[1]", "[1]", "[2]");
        assertThat(rows(df.select("a").filter(col("b").equalTo("p")))).containsExactly("[1]", "[2]");
        assertThat(rows(df.select("a").where("x > 10"))).containsExactly("[1]", "[2]");
        assertThat(df.select("a").where("x > 10").columns()).containsExactly("a");
        // distinct() is Spark's Deduplicate, which still dedups by its own columns
        assertThat(rows(df.select("a").distinct().orderBy(col("b").desc()))).containsExactly("[3]", "[1]", "[2]");
        assertThat(rows(df.groupBy("a").agg(sum("x")).orderBy(col("a").desc()))).containsExactly("[3,5]", "[2,30]",
                "[1,30]");
        assertThatThrownBy(() -> df.groupBy("a").count().orderBy("x"))
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function"
                        + " parameter with name `x` cannot be resolved. Did you mean one of the following? [`a`,"
                        + " `count`].");
    }
}
