package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.checkpoint.CheckpointException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart from a checkpoint after a crash between the offset log write and the commit log write. */
class RecoveryTest extends StreamingTestSupport {
    @TempDir
    Path dir;

    private StreamingQuery startCounts(MemoryStream input, String checkpoint, List<String> seen) throws Exception {
        return input.toDF().groupBy("value").count().writeStream().outputMode("complete")
                .option("checkpointLocation", checkpoint)
                .foreachBatch((Dataset<Row> ds, Long id) -> seen.add(id + ":" + sorted(ds.collectAsList())))
                .start();
    }

    @Test
    void aBatchThatFailedBeforeItsCommitIsReRunWithTheSameOffsetsAndTheSinkSeesEachBatchIdOnce() throws Exception {
        MemoryStream input = lines();
        String checkpoint = dir.resolve("cp").toString();
        spark.streams().setHooks(new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                if (batchId == 1) {
                    throw new IllegalStateException("injected crash before commit of batch 1");
                }
            }
        });
        StreamingQuery first = input.toDF().groupBy("value").count().writeStream().format("memory")
                .queryName("recovered").outputMode("complete").option("checkpointLocation", checkpoint).start();
        input.addValues("a", "b");
        first.processAllAvailable();
        input.addValues("a");
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("injected crash before commit of batch 1");
        assertThat(first.isActive()).isFalse();
        assertThat(first.exception().get().getCondition()).isEqualTo("STREAM_FAILED");
        String offsetsOfBatch1 = Files.readString(Path.of(checkpoint, "offsets", "1"));
        assertThat(Path.of(checkpoint, "commits", "1")).doesNotExist();

        spark.streams().setHooks(BatchHooks.NONE);
        input.addValues("c"); // arrives while the query is down: must not join the re-run batch 1
        List<Long> sinkBatchIds = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery second = input.toDF().groupBy("value").count().writeStream().outputMode("complete")
                .option("checkpointLocation", checkpoint).foreachBatch((Dataset<Row> ds, Long id) -> {
                    sinkBatchIds.add(id);
                    ds.createOrReplaceTempView("recovered_batch_" + id);
                }).start();
        second.processAllAvailable();

        assertThat(Files.readString(Path.of(checkpoint, "offsets", "1"))).isEqualTo(offsetsOfBatch1);
        assertThat(sinkBatchIds).containsExactly(1L, 2L);
        assertThat(counts(spark.table("recovered_batch_1").collectAsList())).isEqualTo(Map.of("a", 2L, "b", 1L));
        assertThat(counts(spark.table("recovered_batch_2").collectAsList())).isEqualTo(Map.of("a", 2L, "b", 1L, "c", 1L));
        assertThat(Path.of(checkpoint, "commits", "1")).exists();
    }

    @Test
    void aBatchReplayedIntoTheMemorySinkIsStoredOnce() throws Exception {
        MemoryStream input = lines();
        String checkpoint = dir.resolve("cp2").toString();
        spark.streams().setHooks(new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                throw new IllegalStateException("crash after the sink, before the commit");
            }
        });
        StreamingQuery first = input.toDF().writeStream().format("memory").queryName("replayed")
                .option("checkpointLocation", checkpoint).start();
        input.addValues("a");
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class);
        assertThat(spark.table("replayed").count()).isEqualTo(1);

        spark.streams().setHooks(BatchHooks.NONE);
        // the restarted query rebuilds the table; replaying batch 0 into it stores its row once
        StreamingQuery second = input.toDF().writeStream().format("memory").queryName("replayed")
                .option("checkpointLocation", checkpoint).start();
        second.processAllAvailable();
        assertThat(spark.table("replayed").count()).isEqualTo(1);
        assertThat(Path.of(checkpoint, "commits", "0")).exists();
    }

    @Test
    void aCorruptedOffsetFileFailsTheQueryNamingTheFile() throws Exception {
        MemoryStream input = lines();
        String checkpoint = dir.resolve("cp3").toString();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery first = startCounts(input, checkpoint, seen);
        input.addValues("a");
        first.processAllAvailable();
        first.stop();
        Path offsets = Path.of(checkpoint, "offsets", "0");
        byte[] bytes = Files.readAllBytes(offsets);
        bytes[5] ^= 1;
        Files.write(offsets, bytes);

        StreamingQuery second = startCounts(input, checkpoint, seen);
        assertThatThrownBy(() -> second.awaitTermination(10_000)).isInstanceOf(StreamingQueryException.class)
                .hasRootCauseInstanceOf(CheckpointException.class)
                .hasMessageContaining("Checkpoint file offsets/0 of checkpoint " + Path.of(checkpoint).toAbsolutePath()
                        + " is corrupted: its checksum does not match")
                .hasMessageContaining("Restore the file from a backup of the checkpoint, or start the query with a new"
                        + " checkpointLocation");
        assertThat(((CheckpointException) second.exception().get().getCause()).getCondition())
                .isEqualTo("SLUICE_CHECKPOINT.CORRUPTED_FILE");
    }

    @Test
    void aTruncatedCommitFileIsReportedAsTruncated() throws Exception {
        MemoryStream input = lines();
        String checkpoint = dir.resolve("cp4").toString();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery first = startCounts(input, checkpoint, seen);
        input.addValues("a");
        first.processAllAvailable();
        first.stop();
        Path commit = Path.of(checkpoint, "commits", "0");
        byte[] bytes = Files.readAllBytes(commit);
        Files.write(commit, java.util.Arrays.copyOf(bytes, bytes.length - 6));

        StreamingQuery second = startCounts(input, checkpoint, seen);
        assertThatThrownBy(() -> second.awaitTermination(10_000)).hasMessageContaining("commits/0 of checkpoint "
                + Path.of(checkpoint).toAbsolutePath() + " is corrupted: it is truncated");
    }

    @Test
    void logsWithoutMetadataAreAnErrorNotANewQuery() throws Exception {
        MemoryStream input = lines();
        String checkpoint = dir.resolve("cp5").toString();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery first = startCounts(input, checkpoint, seen);
        input.addValues("a");
        first.processAllAvailable();
        first.stop();
        Files.delete(Path.of(checkpoint, "metadata"));

        assertThatThrownBy(() -> startCounts(input, checkpoint, seen)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("has offset or commit logs but no metadata file");
    }

    @Test
    void oldLogEntriesArePurgedPastMinBatchesToRetain() throws Exception {
        spark.conf().set("spark.sql.streaming.minBatchesToRetain", "3");
        spark.conf().set("spark.sql.streaming.stateStore.minDeltasForSnapshot", "2");
        try {
            MemoryStream input = lines();
            String checkpoint = dir.resolve("cp6").toString();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            StreamingQuery q = startCounts(input, checkpoint, seen);
            for (int i = 0; i < 6; i++) {
                input.addValues("v" + i);
                q.processAllAvailable();
            }
            try (var files = Files.list(Path.of(checkpoint, "offsets"))) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("3", "4", "5");
            }
            // the in-memory store keeps what loading versions 4..6 needs: the snapshot at or below 4, then deltas
            try (var files = Files.list(Path.of(checkpoint, "state", "0", "0"))) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("4.snapshot", "5.delta", "6.delta", "6.snapshot");
            }
        } finally {
            spark.conf().unset("spark.sql.streaming.minBatchesToRetain");
            spark.conf().unset("spark.sql.streaming.stateStore.minDeltasForSnapshot");
        }
    }
}
