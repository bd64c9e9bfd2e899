package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sink SPI as the engine drives it: a writer per batch that receives the batch's chunks as the pipeline
 * produces them, then one commit; a failure aborts the writer and the restarted query hands the same batch
 * id again.
 */
class SinkSpiTest extends StreamingTestSupport {
    @TempDir
    Path dir;

    @BeforeEach
    void clearEvents() {
        RecordingSinkProvider.EVENTS.clear();
    }

    @Test
    void aStatelessPipelinePushesEachChunkIntoTheSinkBeforeTheBatchCommits() throws Exception {
        MemoryStream input = lines();
        input.addValues("a", "bb");
        input.addValues("ccc");
        input.addValues("d");
        StreamingQuery q = input.toDF().filter("length(value) < 3").writeStream().format("recording")
                .queryName("chunks").option("checkpointLocation", dir.resolve("cp").toString()).start();
        q.processAllAvailable();
        // one write per input chunk that kept rows (the "ccc" chunk is filtered out whole), then the commit
        assertThat(RecordingSinkProvider.EVENTS)
                .containsExactly("open 0 " + q.id() + " Append", "write 2", "write 1", "commit 0");
    }

    @Test
    void aFailedWriteAbortsTheBatchAndTheRestartHandsTheSameBatchAgain() throws Exception {
        MemoryStream input = lines();
        input.addValues("x");
        String checkpoint = dir.resolve("cp").toString();
        StreamingQuery failing = input.toDF().writeStream().format("recording").queryName("fails-once")
                .option("failOnBatch", "0").option("checkpointLocation", checkpoint).start();
        assertThatThrownBy(failing::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("sink failure on batch 0");
        assertThat(RecordingSinkProvider.EVENTS)
                .containsExactly("open 0 " + failing.id() + " Append", "abort 0 sink failure on batch 0");

        RecordingSinkProvider.EVENTS.clear();
        StreamingQuery restarted = input.toDF().writeStream().format("recording").queryName("fails-once")
                .option("failOnBatch", "0").option("checkpointLocation", checkpoint).start();
        restarted.processAllAvailable();
        assertThat(restarted.id()).isEqualTo(failing.id());
        assertThat(RecordingSinkProvider.EVENTS)
                .containsExactly("open 0 " + failing.id() + " Append", "write 1", "commit 0");
    }
}
