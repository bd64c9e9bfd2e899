package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.BatchHooks;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill-and-restart of stateful queries: a query stopped between batches, or crashed after its state was
 * committed but before the commit log, resumes from the checkpoint with the same results as a run without
 * interruption (no update is counted twice). Subclasses re-run it with another state store provider.
 */
class StatefulRestartTest extends StatefulTestSupport {
    @TempDir
    Path dir;

    private Map<Long, List<String>> uninterrupted(String mode) throws Exception {
        return runGuideExample(mode, new ArrayList<>());
    }

    @Test
    void aWindowedAggregationStoppedBetweenBatchesResumesWithItsStateAndWatermark() throws Exception {
        for (String mode : List.of("update", "append")) {
            String checkpoint = dir.resolve("stop-" + mode).toString();
            MemoryStream input = MemoryStream.of(spark, EVENTS);
            Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
            for (int b = 0; b < GUIDE_BATCHES.size(); b++) {
                // a new run of the query for every batch: state, watermark and batch ids come from the checkpoint
                StreamingQuery q = startGuideQuery(input, mode, checkpoint, out);
                input.addData(GUIDE_BATCHES.get(b));
                q.processAllAvailable();
                q.stop();
            }
            assertThat(out).as(mode).isEqualTo(uninterrupted(mode));
            assertStoredBy(Path.of(checkpoint, "state", "0", "0"));
        }
    }

    /** The state partition folder was written by the provider under test (delta files only for hdfs). */
    private void assertStoredBy(Path partition) throws java.io.IOException {
        try (var files = Files.list(partition)) {
            boolean deltas = files.anyMatch(f -> f.getFileName().toString().endsWith(".delta"));
            assertThat(deltas).as("delta files in " + partition).isEqualTo(provider().equals("hdfs"));
        }
    }

    @Test
    void aCrashAfterTheStateCommitReRunsTheBatchWithoutCountingItTwice() throws Exception {
        String checkpoint = dir.resolve("crash").toString();
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        spark.streams().setHooks(new BatchHooks() {
            @Override
            public void afterStateCommit(long batchId) {
                if (batchId == 4) {
                    throw new IllegalStateException("injected crash after the state commit of batch 4");
                }
            }
        });
        StreamingQuery first = startGuideQuery(input, "update", checkpoint, out);
        for (int b = 0; b < 2; b++) {
            input.addData(GUIDE_BATCHES.get(b));
            first.processAllAvailable();
        }
        input.addData(GUIDE_BATCHES.get(2));
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("injected crash");
        assertThat(Path.of(checkpoint, "commits", "4")).doesNotExist();
        assertThat(Files.exists(Path.of(checkpoint, "offsets", "4"))).isTrue();

        spark.streams().setHooks(BatchHooks.NONE);
        StreamingQuery second = startGuideQuery(input, "update", checkpoint, out);
        second.processAllAvailable();
        input.addData(GUIDE_BATCHES.get(3));
        second.processAllAvailable();
        assertThat(out).isEqualTo(uninterrupted("update"));
    }

    @Test
    void dropDuplicatesRemembersItsKeysAcrossARestart() throws Exception {
        String checkpoint = dir.resolve("dedup").toString();
        MemoryStream input = lines();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        for (List<String> batch : List.of(List.of("a", "b", "a"), List.of("b", "c"), List.of("a", "d", "c"))) {
            StreamingQuery q = input.toDF().dropDuplicates().writeStream().option("checkpointLocation", checkpoint)
                    .foreachBatch((Dataset<Row> ds, Long id) -> ds.collectAsList()
                            .forEach(r -> seen.add(id + ":" + r.getString(0)))).start();
            input.addValues(batch.toArray());
            q.processAllAvailable();
            q.stop();
        }
        assertThat(seen).containsExactly("0:a", "0:b", "1:c", "2:d");
    }

    @Test
    void dropDuplicatesReRunAfterACrashPassesTheSameFirstRows() throws Exception {
        String checkpoint = dir.resolve("dedup-crash").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        spark.streams().setHooks(new BatchHooks() {
            @Override
            public void afterStateCommit(long batchId) {
                if (batchId == 1) {
                    throw new IllegalStateException("injected crash after the state commit of batch 1");
                }
            }
        });
        StreamingQuery first = startDistinct(input, checkpoint, out);
        input.addValues("a", "b");
        first.processAllAvailable();
        input.addValues("b", "c", "c");
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class);
        spark.streams().setHooks(BatchHooks.NONE);
        // the re-run of batch 1 starts from the state of batch 0: c is new again, b still a duplicate
        StreamingQuery second = startDistinct(input, checkpoint, out);
        second.processAllAvailable();
        input.addValues("c", "d");
        second.processAllAvailable();
        assertThat(out).containsExactly(Map.entry(0L, List.of("a", "b")), Map.entry(1L, List.of("c")),
                Map.entry(2L, List.of("d")));
    }

    private StreamingQuery startDistinct(MemoryStream input, String checkpoint, Map<Long, List<String>> out)
            throws Exception {
        return input.toDF().dropDuplicates().writeStream().option("checkpointLocation", checkpoint)
                .foreachBatch((Dataset<Row> ds, Long id) -> {
                    List<String> rows = new ArrayList<>();
                    ds.collectAsList().forEach(r -> rows.add(r.getString(0)));
                    rows.sort(null);
                    out.put(id, rows);
                }).start();
    }

    @Test
    void aRestartWithAnotherPartitionCountMovesTheKeyGroupsToTheNewPartitions() throws Exception {
        String checkpoint = dir.resolve("partitions").toString();
        MemoryStream input = lines();
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        try {
            for (String partitions : List.of("5", "3")) {
                spark.conf().set("spark.sql.shuffle.partitions", partitions);
                StreamingQuery q = input.toDF().groupBy("value").count().writeStream().outputMode("complete")
                        .option("checkpointLocation", checkpoint).foreachBatch((Dataset<Row> ds, Long id) ->
                                batches.add(id + ":" + sorted(ds.collectAsList()))).start();
                input.addValues("a", "b", "c", "a");
                q.processAllAvailable();
                q.stop();
            }
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", "5");
        }
        // the restart with 3 partitions (Spark would keep 5) continues every count: 2 + 2, 1 + 1
        assertThat(batches).containsExactly("0:[[a,2], [b,1], [c,1]]", "1:[[a,4], [b,2], [c,2]]");
        assertThat(Files.readString(Path.of(checkpoint, "offsets", "0"))).contains("\"spark.sql.shuffle.partitions\":\"5\"");
        assertThat(Files.readString(Path.of(checkpoint, "offsets", "1"))).contains("\"spark.sql.shuffle.partitions\":\"3\"");
    }

    @Test
    void theStoreProviderAndWatermarkPolicyAreTakenFromTheOffsetLogOnRestart() throws Exception {
        String checkpoint = dir.resolve("provider").toString();
        MemoryStream input = lines();
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        String other = provider().equals("hdfs") ? "no-such-provider" : "hdfs";
        try {
            for (String sessionProvider : List.of(provider(), other)) {
                spark.conf().set("spark.sql.streaming.stateStore.providerClass", sessionProvider);
                StreamingQuery q = input.toDF().groupBy("value").count().writeStream().outputMode("update")
                        .option("checkpointLocation", checkpoint).foreachBatch((Dataset<Row> ds, Long id) ->
                                batches.add(id + ":" + sorted(ds.collectAsList()))).start();
                input.addValues("a");
                q.processAllAvailable();
                q.stop();
            }
        } finally {
            spark.conf().set("spark.sql.streaming.stateStore.providerClass", provider());
        }
        // the second run keeps the first run's store (a session value it cannot even load is ignored)
        assertThat(batches).containsExactly("0:[[a,1]]", "1:[[a,2]]");
        assertThat(Files.readString(Path.of(checkpoint, "offsets", "1")))
                .contains("\"spark.sql.streaming.stateStore.providerClass\":\"" + provider() + "\"")
                .contains("\"spark.sql.streaming.multipleWatermarkPolicy\":\"min\"");
    }

    @Test
    void aStreamingLimitKeepsItsCountAcrossARestart() throws Exception {
        String checkpoint = dir.resolve("limit").toString();
        MemoryStream input = lines();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        for (List<String> batch : List.of(List.of("a", "b"), List.of("c", "d"), List.of("e"))) {
            StreamingQuery q = input.toDF().limit(3).writeStream().option("checkpointLocation", checkpoint)
                    .foreachBatch((Dataset<Row> ds, Long id) -> ds.collectAsList()
                            .forEach(r -> seen.add(r.getString(0)))).start();
            input.addValues(batch.toArray());
            q.processAllAvailable();
            q.stop();
        }
        assertThat(seen).containsExactly("a", "b", "c");
    }
}
