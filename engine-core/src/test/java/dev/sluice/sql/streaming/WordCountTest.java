package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.split;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tutorial Case 1: split + explode + groupBy count over a stream, in complete and update modes. */
class WordCountTest extends StreamingTestSupport {

    private Dataset<Row> wordCounts(MemoryStream input) {
        Dataset<Row> words = input.toDF().select(explode(split(col("value"), " ")).alias("palabra"));
        return words.groupBy("palabra").count();
    }

    @Test
    void completeModeOutputsTheWholeResultTableEveryBatch() throws Exception {
        MemoryStream input = lines();
        StreamingQuery query = wordCounts(input).writeStream().format("memory").queryName("wc_complete")
                .outputMode("complete").start();

        input.addValues("Spark en el Severo Ochoa");
        query.processAllAvailable();
        assertThat(counts(spark.table("wc_complete").collectAsList())).isEqualTo(Map.of(
                "Spark", 1L, "en", 1L, "el", 1L, "Severo", 1L, "Ochoa", 1L));

        input.addValues("El Severo Ochoa está en Elche");
        query.processAllAvailable();
        assertThat(counts(spark.table("wc_complete").collectAsList())).isEqualTo(Map.of(
                "Spark", 1L, "en", 2L, "el", 1L, "Severo", 2L, "Ochoa", 2L, "El", 1L, "está", 1L, "Elche", 1L));
        assertThat(query.lastProgress().batchId()).isEqualTo(1);
        assertThat(query.lastProgress().stateOperators()[0].numRowsTotal()).isEqualTo(8);
        assertThat(query.lastProgress().stateOperators()[0].numRowsUpdated()).isEqualTo(6);
    }

    @Test
    void updateModeOutputsOnlyTheGroupsChangedByTheBatch() throws Exception {
        MemoryStream input = lines();
        StreamingQuery query = wordCounts(input).writeStream().format("memory").queryName("wc_update")
                .outputMode("update").start();

        input.addValues("Spark en el Severo Ochoa");
        query.processAllAvailable();
        input.addValues("El Severo Ochoa está en Elche");
        query.processAllAvailable();

        // the memory sink appends each update batch: batch 0's five rows, then batch 1's six
        assertThat(spark.table("wc_update").count()).isEqualTo(11);
        assertThat(sorted(spark.table("wc_update").collectAsList().subList(5, 11))).containsExactly(
                "[El,1]", "[Elche,1]", "[Ochoa,2]", "[Severo,2]", "[en,2]", "[está,1]");
    }

    @Test
    void stateSurvivesARestartFromTheCheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        MemoryStream input = lines();
        String checkpoint = dir.resolve("cp").toString();
        StreamingQuery first = wordCounts(input).writeStream().format("memory").queryName("wc_restart")
                .outputMode("complete").option("checkpointLocation", checkpoint).start();
        input.addValues("a b a");
        first.processAllAvailable();
        first.stop();

        input.addValues("a c");
        StreamingQuery second = wordCounts(input).writeStream().format("memory").queryName("wc_restart")
                .outputMode("complete").option("checkpointLocation", checkpoint).start();
        second.processAllAvailable();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.lastProgress().batchId()).isEqualTo(1);
        assertThat(counts(spark.table("wc_restart").collectAsList())).isEqualTo(Map.of("a", 3L, "b", 1L, "c", 1L));
    }
}
