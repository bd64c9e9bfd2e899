package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.checkpoint.CheckpointVerifier;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice checkpoint verify}'s checks: checksums of every file and the references a restart follows. */
class CheckpointVerifierTest extends StreamingTestSupport {
    @TempDir
    Path dir;
    Path cp;

    @BeforeEach
    void stoppedQuery() throws Exception {
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        try {
            MemoryStream input = lines();
            cp = dir.resolve("cp");
            StreamingQuery query = input.toDF().groupBy("value").count().writeStream().outputMode("complete")
                    .option("checkpointLocation", cp.toString()).foreachBatch((Dataset<Row> ds, Long id) -> { })
                    .start();
            input.addValues("a", "b");
            query.processAllAvailable();
            input.addValues("a");
            query.processAllAvailable();
            query.stop();
        } finally {
            spark.conf().unset("spark.sql.shuffle.partitions");
        }
    }

    private static void flip(Path file, int at) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[at] ^= 0x04;
        Files.write(file, bytes);
    }

    @Test
    void aSoundCheckpointHasNoProblems() {
        CheckpointVerifier.Report report = CheckpointVerifier.verify(cp);
        assertThat(report.problems()).isEmpty();
        // metadata, offsets/0-1, commits/0-1, 2 partitions x 2 deltas, the operator's state/0/_metadata
        assertThat(report.filesChecked()).isEqualTo(10);
    }

    @Test
    void damagedFilesAreListedOneLineEach() throws Exception {
        flip(cp.resolve("offsets/1"), 6);
        flip(cp.resolve("state/0/1/2.delta"), 1);
        assertThat(CheckpointVerifier.verify(cp).problems()).extracting(CheckpointVerifier.Problem::file)
                .containsExactly("offsets/1", "state/0/1/2.delta");
        assertThat(CheckpointVerifier.verify(cp).problems()).allMatch(p -> p.what().startsWith("corrupted: its checksum"
                + " does not match"));
    }

    @Test
    void brokenReferencesAreListed() throws Exception {
        Files.delete(cp.resolve("offsets/0"));
        Files.delete(cp.resolve("state/0/0/1.delta"));
        Files.delete(cp.resolve("metadata"));
        assertThat(CheckpointVerifier.verify(cp).problems()).extracting(Object::toString).containsExactly(
                "metadata: missing: the offset and commit logs exist but the query id is lost",
                "commits/0: batch 0 is committed but offsets/0 does not exist",
                "state/0/0/1.delta: missing: the restart loads state version 2 from the deltas 1..2");
    }

    @Test
    void anUncommittedLastBatchNeedsTheOffsetsBeforeIt() throws Exception {
        Files.delete(cp.resolve("commits/1"));
        Files.delete(cp.resolve("offsets/0"));
        assertThat(CheckpointVerifier.verify(cp).problems()).extracting(Object::toString).containsExactly(
                "commits/0: batch 0 is committed but offsets/0 does not exist",
                "offsets/1: batch 1 is not committed and re-running it needs offsets/0, which does not exist");
    }
}
