package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Items of the progress JSON whose presence and values follow Spark 4.1.1's sources: a state operator's
 * {@code customMetrics} are the names the default (HDFS-backed) provider supports, each reported every batch
 * (Spark maps every supported metric of the provider to its SQLMetric), plus at most 5
 * {@code SnapshotLastUploaded.partition_<id>_default} instance metrics, -1 before any snapshot; a
 * MemoryStream's {@code latestOffset} is {@code null} (it supports admission control and does not override
 * {@code reportLatestOffset}); a {@code foreachBatch} sink's {@code numOutputRows} is -1 (a V1 sink).
 */
class ProgressItemsTest extends StreamingTestSupport {
    @Test
    void stateOperatorsReportTheDefaultProvidersCustomMetrics() throws Exception {
        MemoryStream input = lines();
        StreamingQuery q = input.toDF().groupBy("value").count().writeStream().format("memory")
                .queryName("custom_metrics").outputMode("complete").start();
        input.addValues("a", "b");
        q.processAllAvailable();
        input.addValues("a");
        q.processAllAvailable();

        JsonNode first = new ObjectMapper().readTree(q.recentProgress()[0].json());
        JsonNode second = new ObjectMapper().readTree(q.lastProgress().json());
        JsonNode metrics = second.get("stateOperators").get(0).get("customMetrics");
        List<String> names = new ArrayList<>();
        metrics.fieldNames().forEachRemaining(names::add);
        // Keys sorted as Spark writes them; 5 shuffle partitions, so 5 instance metrics.
        assertThat(names).containsExactly("SnapshotLastUploaded.partition_0_default",
                "SnapshotLastUploaded.partition_1_default", "SnapshotLastUploaded.partition_2_default",
                "SnapshotLastUploaded.partition_3_default", "SnapshotLastUploaded.partition_4_default",
                "loadedMapCacheHitCount", "loadedMapCacheMissCount", "stateOnCurrentVersionSizeBytes");
        assertThat(metrics.get("SnapshotLastUploaded.partition_0_default").asLong()).isEqualTo(-1);
        // Batch 1 found each partition's version 1 in memory; batch 0 created version 0 without a lookup.
        assertThat(metrics.get("loadedMapCacheHitCount").asLong()).isEqualTo(5);
        assertThat(metrics.get("loadedMapCacheMissCount").asLong()).isZero();
        assertThat(metrics.get("stateOnCurrentVersionSizeBytes").asLong()).isPositive();
        assertThat(first.get("stateOperators").get(0).get("customMetrics").get("loadedMapCacheHitCount").asLong())
                .isZero();
    }

    @Test
    void memoryStreamLatestOffsetAndForeachBatchOutputRowsPrintAsSpark() throws Exception {
        MemoryStream input = lines();
        StreamingQuery q = input.toDF().writeStream().foreachBatch((batch, id) -> batch.count()).start();
        input.addValues("a", "b");
        q.processAllAvailable();
        String pretty = q.lastProgress().prettyJson();
        assertThat(pretty).contains("""
                    "endOffset" : 0,
                    "latestOffset" : null,
                    "numInputRows" : 2,
                """);
        assertThat(pretty).contains("""
                  "sink" : {
                    "description" : "ForeachBatchSink",
                    "numOutputRows" : -1
                  }
                """);
    }
}
