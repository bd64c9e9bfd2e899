package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.checkpoint.MetadataLog;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.Source;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead order of a micro-batch's checkpoint files, which the trigger path overlaps to save fsyncs
 * (docs/ARCHITECTURE.md "The trigger path"): a source's own record of a planned batch is durable before
 * {@code offsets/<id>} names it, and {@code commits/<id>} appears only after the batch's sink and state are committed,
 * however early its file was written. Each test fails if the engine published an entry before its turn.
 */
class CheckpointWriteOrderTest extends StreamingTestSupport {
    @TempDir
    Path dir;

    /**
     * A MemoryStream that, like the file source, "logs" each planned batch on another thread (deferred logging), and
     * checks when the engine awaits that log that the offset entry of the batch is not there yet.
     */
    private static final class DeferredLogSource implements Source {
        final MemoryStream delegate;
        final Path offsets;
        final List<String> seenAtAwait = Collections.synchronizedList(new ArrayList<>());
        volatile boolean deferred;
        volatile int pendingLogs;
        volatile int awaited;

        DeferredLogSource(MemoryStream delegate, Path offsets) {
            this.delegate = delegate;
            this.offsets = offsets;
        }

        @Override
        public StructType schema() {
            return delegate.schema();
        }

        @Override
        public void deferPlanLogging() {
            deferred = true;
        }

        @Override
        public Offset latestOffset(Offset start, ReadLimit limit) {
            Offset latest = delegate.latestOffset(start, limit);
            if (latest != null && (start == null || !latest.json().equals(start.json()))) {
                pendingLogs++;
            }
            return latest;
        }

        @Override
        public void awaitPlanLogged() {
            if (pendingLogs == 0) {
                return;
            }
            pendingLogs = 0;
            awaited++;
            seenAtAwait.add(names(offsets).toString());
            try {
                Thread.sleep(30); // a slow log write: the engine must wait for it, not publish its entry meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public List<Chunk> read(Offset start, Offset end) {
            return delegate.read(start, end);
        }

        @Override
        public Offset deserializeOffset(String json) {
            return delegate.deserializeOffset(json);
        }
    }

    /** The visible (not hidden) file names of {@code folder}, sorted; empty when it does not exist. */
    private static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> hidden(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anOffsetEntryAppearsOnlyAfterTheSourcesLogOfItsBatchIsDurable() throws Exception {
        Path checkpoint = dir.resolve("cp");
        MemoryStream memory = lines();
        DeferredLogSource source = new DeferredLogSource(memory, checkpoint.resolve("offsets"));
        Dataset<Row> input = Dataset.ofRows(spark, new StreamingRelation("DeferredLogSource",
                SluiceSession.attributes(LINES), metadataPath -> source));
        StreamingQuery query = input.writeStream().format("noop").option("checkpointLocation", checkpoint.toString())
                .start();
        for (String value : List.of("a", "b", "c")) {
            memory.addValues(value);
            query.processAllAvailable();
        }
        query.stop();
        assertThat(source.deferred).isTrue();
        assertThat(source.awaited).isEqualTo(3);
        // when the engine waited for the source's log of batch N, offsets/N was not there yet
        assertThat(source.seenAtAwait).containsExactly("[]", "[0]", "[0, 1]");
        assertThat(names(checkpoint.resolve("offsets"))).containsExactly("0", "1", "2");
    }

    @Test
    void aCommitEntryWrittenAheadAppearsOnlyAfterTheBatchCommitted() throws Exception {
        Path checkpoint = dir.resolve("cp");
        Path commits = checkpoint.resolve("commits");
        List<String> atStateCommit = Collections.synchronizedList(new ArrayList<>());
        spark.streams().setHooks(new BatchHooks() {
            @Override
            public void afterStateCommit(long batchId) {
                atStateCommit.add(batchId + ":" + names(commits));
            }
        });
        MemoryStream memory = lines();
        StreamingQuery query = memory.toDF().groupBy("value").count().writeStream().outputMode("complete")
                .format("noop").option("checkpointLocation", checkpoint.toString()).start();
        for (String value : List.of("a", "b")) {
            memory.addValues(value);
            query.processAllAvailable();
        }
        // the entry of each batch was not visible when its state had just been committed; afterwards it is
        assertThat(atStateCommit).containsExactly("0:[]", "1:[0]");
        assertThat(names(commits)).containsExactly("0", "1");
        assertThat(CheckpointFile.readText(commits.resolve("1"), 1)).isEqualTo("{\"nextBatchWatermarkMs\":0}");
        query.stop();
        assertThat(hidden(commits)).isEmpty();
    }

    @Test
    void aBatchFailingBeforeItsCommitLeavesNoCommitEntryAndRunsAgainOnRestart() throws Exception {
        Path checkpoint = dir.resolve("cp");
        spark.streams().setHooks(new BatchHooks() {
            @Override
            public void afterStateCommit(long batchId) {
                if (batchId == 1) {
                    throw new IllegalStateException("injected crash before the commit entry of batch 1");
                }
            }
        });
        MemoryStream memory = lines();
        List<Long> batches = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery query = memory.toDF().writeStream().option("checkpointLocation", checkpoint.toString())
                .foreachBatch((Dataset<Row> ds, Long id) -> batches.add(id)).start();
        memory.addValues("a");
        query.processAllAvailable();
        memory.addValues("b");
        assertThatThrownBy(query::processAllAvailable).hasMessageContaining("injected crash before the commit entry");
        // the entry written ahead for batch 1 never appeared, and its temporary file is gone with the query
        assertThat(names(checkpoint.resolve("commits"))).containsExactly("0");
        assertThat(hidden(checkpoint.resolve("commits"))).isEmpty();
        assertThat(names(checkpoint.resolve("offsets"))).containsExactly("0", "1");

        spark.streams().setHooks(BatchHooks.NONE);
        StreamingQuery restarted = memory.toDF().writeStream().option("checkpointLocation", checkpoint.toString())
                .foreachBatch((Dataset<Row> ds, Long id) -> batches.add(id)).start();
        restarted.processAllAvailable();
        restarted.stop();
        assertThat(batches).containsExactly(0L, 1L, 1L);
        assertThat(names(checkpoint.resolve("commits"))).containsExactly("0", "1");
    }

    /**
     * Purging the old log entries after a commit runs off the query thread (deleting files waits on the file system
     * like an fsync), but every trigger starts with it finished: at each ask for offsets, the logs hold exactly the
     * last {@code minBatchesToRetain} entries. Fails if a trigger could start before its predecessor's purge ended.
     */
    @Test
    void theLogsArePurgedBeforeTheNextTriggerStarts() throws Exception {
        Path checkpoint = dir.resolve("cp");
        List<String> atTrigger = Collections.synchronizedList(new ArrayList<>());
        spark.conf().set("spark.sql.streaming.minBatchesToRetain", "2");
        spark.streams().setHooks(new BatchHooks() {
            @Override
            public <T> T aroundLatestOffsets(java.util.function.Supplier<T> askSources) {
                atTrigger.add(names(checkpoint.resolve("offsets")) + " " + names(checkpoint.resolve("commits")));
                return askSources.get();
            }
        });
        try {
            MemoryStream memory = lines();
            StreamingQuery query = memory.toDF().writeStream().format("noop")
                    .option("checkpointLocation", checkpoint.toString()).start();
            for (String value : List.of("a", "b", "c", "d")) {
                memory.addValues(value);
                query.processAllAvailable();
            }
            query.stop();
        } finally {
            spark.conf().unset("spark.sql.streaming.minBatchesToRetain");
        }
        // a trigger starting before the previous purge ended would have seen three entries ("[0, 1, 2] ...")
        assertThat(atTrigger.stream().distinct().toList()).containsExactly("[] []", "[0] [0]", "[0, 1] [0, 1]", "[1, 2] [1, 2]", "[2, 3] [2, 3]");
        assertThat(names(checkpoint.resolve("offsets"))).containsExactly("2", "3");
        assertThat(names(checkpoint.resolve("commits"))).containsExactly("2", "3");
    }

    @Test
    void purgingKeepsTheLastEntriesWithoutListingAfterTheFirstTime() throws Exception {
        Path folder = dir.resolve("offsets");
        MetadataLog<String> log = new MetadataLog<>(folder, s -> s, (file, text) -> text);
        for (long id = 0; id < 12; id++) {
            log.add(id, "entry " + id);
            log.purge(id + 1 - 3); // keep the last three, as minBatchesToRetain = 3 after every batch
        }
        assertThat(log.batchIds()).containsExactly(9L, 10L, 11L);
        // a new instance (a restart) lists once, then purges by id
        MetadataLog<String> restarted = new MetadataLog<>(folder, s -> s, (file, text) -> text);
        restarted.purge(11);
        assertThat(restarted.batchIds()).containsExactly(11L);
        restarted.add(12, "entry 12");
        restarted.add(13, "entry 13");
        restarted.purge(13);
        assertThat(restarted.batchIds()).containsExactly(13L);
        restarted.purge(5); // a lower threshold changes nothing
        assertThat(restarted.batchIds()).containsExactly(13L);
        assertThat(restarted.get(13)).contains("entry 13");
    }

    @Test
    void aPreparedCheckpointFileIsInvisibleUntilPublishedAndDiscardLeavesNothing() throws Exception {
        Path target = dir.resolve("commits").resolve("7");
        CheckpointFile.Prepared prepared = CheckpointFile.prepare(target, 1, "{}".getBytes(), true);
        assertThat(target).doesNotExist();
        assertThat(hidden(target.getParent())).hasSize(1);
        prepared.publish();
        assertThat(CheckpointFile.readText(target, 1)).isEqualTo("{}");
        assertThat(hidden(target.getParent())).isEmpty();
        assertThatThrownBy(prepared::publish).isInstanceOf(IllegalStateException.class);

        Path other = dir.resolve("commits").resolve("8");
        CheckpointFile.Prepared abandoned = CheckpointFile.prepare(other, 1, "{}".getBytes(), true);
        abandoned.discard();
        abandoned.discard();
        assertThat(other).doesNotExist();
        assertThat(hidden(other.getParent())).isEmpty();
    }
}
