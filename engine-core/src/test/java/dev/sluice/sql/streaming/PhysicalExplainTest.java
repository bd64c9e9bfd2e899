package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.split;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.MicroBatchExecution;
import dev.sluice.stream.connector.MemoryStream;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code explain()} prints the physical plan with Spark 4.1's operator names and nesting for the tutorial's
 * queries (Spark's own plans for them, abridged to the operators Sluice has: Spark adds partial/merge
 * aggregates, an Exchange and a StateStoreRestore around StateStoreSave, which Sluice's one operator does).
 */
class PhysicalExplainTest extends StreamingTestSupport {
    @Test
    void wordCountCase1() throws Exception {
        MemoryStream lines = lines();
        Dataset<Row> words = lines.toDF().select(explode(split(col("value"), " ")).alias("word"));
        StreamingQuery q = words.groupBy("word").count().writeStream().format("noop").outputMode("complete").start();
        List<String> plan = lines(((MicroBatchExecution) q).explainString(false));
        // Spark: StateStoreSave [word#7], ..., Complete ... / Generate explode(split(value#0,  , -1)), [], false, [word#7]
        // / MicroBatchScan[value#0]; the split value column is not kept next to the words.
        assertThat(plan.get(0)).isEqualTo("== Physical Plan ==");
        assertThat(plan.get(1)).matches("StateStoreSave \\[word#\\d+], Complete, state info \\[ opId = 0 ]");
        assertThat(plan.get(2)).matches("\\+- Project \\[word#\\d+]");
        assertThat(plan.get(3)).startsWith("   +- Generate explode(split(value").matches(".*\\), \\[], false, \\[word#\\d+]");
        assertThat(plan.get(4)).matches("      \\+- MicroBatchScan\\[value#\\d+] MemoryStream\\[value]");
        assertThat(plan).hasSize(5);
    }

    @Test
    void windowedCountWithWatermarkCase5() throws Exception {
        MemoryStream input = MemoryStream.of(spark, new dev.sluice.sql.types.StructType()
                .add("word", dev.sluice.sql.types.DataTypes.StringType)
                .add("timestamp", dev.sluice.sql.types.DataTypes.TimestampType));
        StreamingQuery q = input.toDF().withWatermark("timestamp", "10 minutes")
                .groupBy(window(col("timestamp"), "10 minutes"), col("word")).count()
                .writeStream().format("noop").outputMode("update").start();
        String plan = ((MicroBatchExecution) q).explainString(false);
        // Spark: StateStoreSave [window#.., word#..], ..., Update / ... / EventTimeWatermark timestamp#1: 10 minutes
        assertThat(plan).containsPattern("StateStoreSave \\[window#\\d+, word#\\d+], Update, state info \\[ opId = 0 ]")
                .containsPattern("EventTimeWatermark timestamp#\\d+: 600000 milliseconds")
                .containsPattern("MicroBatchScan\\[word#\\d+, timestamp#\\d+] MemoryStream");
        assertThat(plan.indexOf("StateStoreSave")).isLessThan(plan.indexOf("EventTimeWatermark"));
        assertThat(plan.indexOf("EventTimeWatermark")).isLessThan(plan.indexOf("MicroBatchScan"));
    }

    @Test
    void adjacentProjectionsAreShownCollapsedAndExtendedAddsTheLogicalPlan() {
        Dataset<Row> df = spark.range(3).selectExpr("id + 1 AS b").selectExpr("b * 2 AS c");
        List<String> plan = lines(df.explainString(false));
        // Spark 4.1: Project [((id#0L + 1) * 2) AS c#3L] over Range: one Project
        assertThat(plan.get(1)).matches(Pattern.quote("Project [((id + 1) * 2) AS c]"));
        assertThat(plan.stream().filter(l -> l.contains("Project [")).count()).isEqualTo(1);
        assertThat(df.collectAsList()).extracting(r -> r.getLong(0)).containsExactly(2L, 4L, 6L);
        String extended = df.explainString(true);
        assertThat(extended).startsWith("== Analyzed Logical Plan ==\nc: bigint\n")
                .contains("\n== Physical Plan ==\nProject [((id + 1) * 2) AS c]");
        assertThatThrownBy(() -> df.explain("verbose")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown explain mode: verbose. Accepted explain modes are 'simple', 'extended', 'codegen',"
                        + " 'cost', 'formatted'.");
    }

    @Test
    void aFilterOnPassedThroughColumnsRunsBelowTheProjection() {
        Dataset<Row> df = spark.range(6).selectExpr("id AS n", "id * 10 AS tens").filter("n % 2 = 0");
        List<String> plan = lines(df.explainString(false));
        // Spark 4.1 (PushDownPredicates): Project [id#0L AS n#2L, (id#0L * 10) AS tens#3L] / Filter ((id#0L % 2) = 0)
        assertThat(plan.get(1)).startsWith("Project [id AS n, (id * 10) AS tens]");
        assertThat(plan.get(2)).isEqualTo("+- Filter ((id % 2) = 0)");
        assertThat(df.collectAsList()).extracting(r -> r.getLong(1)).containsExactly(0L, 20L, 40L);
        // a filter on a computed column stays above it (it would be computed twice)
        List<String> computed = lines(spark.range(6).selectExpr("id * 10 AS tens").filter("tens > 20")
                .explainString(false));
        assertThat(computed.get(1)).startsWith("Filter ");
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }
}
