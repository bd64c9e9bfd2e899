package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Compaction of the file source's seen-files log and the file sink's {@code _spark_metadata} log, as Spark:
 * {@code .compact} files holding every entry so far, readers that start from the latest one, expired batch
 * files deleted after {@code cleanupDelay}, the interval derived from an existing log, and a query that
 * crashes on a compaction batch and restarts.
 */
class LogCompactionTest extends FileStreamTestSupport {
    private static final StructType PEOPLE = StructType.fromDDL("id INT, name STRING");
    private static final String[] SETTINGS = {"spark.sql.streaming.fileSource.log.compactInterval",
        "spark.sql.streaming.fileSource.log.cleanupDelay", "spark.sql.streaming.fileSink.log.compactInterval",
        "spark.sql.streaming.fileSink.log.cleanupDelay"};

    @AfterEach
    void unsetSettings() {
        for (String key : SETTINGS) {
            spark.conf().unset(key);
        }
    }

    private static FileStreamSourceLog.FileEntry entry(long batchId) {
        return new FileStreamSourceLog.FileEntry("file:///in/f" + batchId, 1000 + batchId, batchId);
    }

    @Test
    void aFileKeptForItsCleanupDelayIsDeletedOnceTheDelayPassesWithoutANewCompaction() throws Exception {
        Path meta = dir.resolve("sources/1");
        FileStreamSourceLog log = new FileStreamSourceLog(FileAccess.defaults(), FileAccess.path(meta),
                new CompactibleFileLog.Settings(2, true, 1000));
        for (long batch = 0; batch < 4; batch++) {
            log.addBatch(batch, List.of(entry(batch)));
        }
        // batch 3 compacted: 0, 1.compact and 2 are below the retained range but younger than the 1 s delay
        assertThat(filesUnder(meta)).containsExactly("0", "1.compact", "2", "3.compact");
        Thread.sleep(1100);
        log.addBatch(4, List.of(entry(4))); // the retained range is unchanged; the delay has passed
        assertThat(filesUnder(meta)).containsExactly("3.compact", "4");
    }

    @Test
    void theSourceLogCompactsEveryIntervalDeletesExpiredFilesAndStillKnowsEveryBatch() throws IOException {
        Path meta = dir.resolve("sources/0");
        FileStreamSourceLog log = new FileStreamSourceLog(FileAccess.defaults(), FileAccess.path(meta),
                new CompactibleFileLog.Settings(3, true, 0));
        for (long batch = 0; batch < 7; batch++) {
            log.addBatch(batch, List.of(entry(batch)));
        }
        assertThat(filesUnder(meta)).containsExactly("5.compact", "6");
        var batches = new FileStreamSourceLog(FileAccess.defaults(), FileAccess.path(meta),
                CompactibleFileLog.Settings.defaults()).readAll();
        assertThat(batches.keySet()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(batches.get(4L)).containsExactly(entry(4));
    }

    @Test
    void expiredFilesStayUntilTheCleanupDelayOrWhenDeletionIsOff() throws IOException {
        for (CompactibleFileLog.Settings settings : List.of(new CompactibleFileLog.Settings(2, true, 600_000),
                new CompactibleFileLog.Settings(2, false, 0))) {
            Path out = dir.resolve("out-" + settings.deleteExpired());
            FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out), settings);
            for (long batch = 0; batch < 4; batch++) {
                log.add(batch, List.of(new FileSinkLog.Entry("file:///out/f" + batch, 1, false, 0, 1, 1, "add")));
            }
            assertThat(filesUnder(out.resolve("_spark_metadata"))).containsExactly("0", "1.compact", "2", "3.compact");
            assertThat(log.allFiles()).hasSize(4);
        }
    }

    @Test
    void anIntervalIsDerivedFromTheCompactFilesOfAnExistingLog() throws IOException {
        assertThat(CompactibleFileLog.deriveCompactInterval(10, 2)).isEqualTo(3);
        assertThat(CompactibleFileLog.deriveCompactInterval(4, 1)).isEqualTo(2);
        assertThat(CompactibleFileLog.deriveCompactInterval(3, 4)).isEqualTo(5);
        assertThat(CompactibleFileLog.deriveCompactInterval(2, 5)).isEqualTo(2);
        assertThat(CompactibleFileLog.deriveCompactInterval(3, 7)).isEqualTo(4);

        Path out = dir.resolve("out");
        FileSinkLog three = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out),
                new CompactibleFileLog.Settings(3, false, 0));
        for (long batch = 0; batch < 5; batch++) {
            three.add(batch, List.of(new FileSinkLog.Entry("file:///out/f" + batch, 1, false, 0, 1, 1, "add")));
        }
        FileSinkLog reopened = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        assertThat(reopened.compactInterval()).isEqualTo(3);
        reopened.add(5, List.of(new FileSinkLog.Entry("file:///out/f5", 1, false, 0, 1, 1, "add")));
        assertThat(filesUnder(out.resolve("_spark_metadata"))).contains("2.compact", "5.compact");
        assertThat(reopened.allFiles()).hasSize(6);
    }

    @Test
    void logSettingsAreReadFromTheSessionAndChecked() {
        CompactibleFileLog.Settings settings = CompactibleFileLog.Settings.from(Map.of(
                "spark.sql.streaming.fileSink.log.compactInterval", "4", "spark.sql.streaming.fileSink.log.deletion",
                "false", "spark.sql.streaming.fileSink.log.cleanupDelay", "2s"), FileSinkLog.SETTINGS_PREFIX);
        assertThat(settings).isEqualTo(new CompactibleFileLog.Settings(4, false, 2000));
        assertThat(CompactibleFileLog.Settings.from(Map.of(), FileStreamSourceLog.SETTINGS_PREFIX))
                .isEqualTo(new CompactibleFileLog.Settings(10, true, 600_000));
        assertThatThrownBy(() -> CompactibleFileLog.Settings.from(Map.of(
                "spark.sql.streaming.fileSource.log.compactInterval", "0"), FileStreamSourceLog.SETTINGS_PREFIX))
                .hasMessageContaining("spark.sql.streaming.fileSource.log.compactInterval");
    }

    private StreamingQuery jsonToJson(Path in, Path out, Path checkpoint) throws Exception {
        return spark.readStream().format("json").schema(PEOPLE).option("maxFilesPerTrigger", 1).load(in.toString())
                .writeStream().format("json").option("path", out.toString())
                .option("checkpointLocation", checkpoint.toString()).start();
    }

    @Test
    void aCrashOnACompactionBatchThenARestartKeepsEveryRowOnceInBothLogs() throws Exception {
        for (String key : SETTINGS) {
            spark.conf().set(key, key.endsWith("compactInterval") ? "2" : "0");
        }
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Path checkpoint = dir.resolve("cp");
        drop(in.resolve("a.json"), "{\"id\":1,\"name\":\"a\"}\n", 1000);
        drop(in.resolve("b.json"), "{\"id\":2,\"name\":\"b\"}\n", 2000);
        StreamingQuery first = jsonToJson(in, out, checkpoint);
        first.processAllAvailable(); // batches 0 and 1 (a compaction batch in both logs)
        first.stop();
        assertThat(filesUnder(out.resolve("_spark_metadata"))).containsExactly("1.compact");

        StreamingTestHooks.set(spark, new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                if (batchId == 3) {
                    throw new IllegalStateException("killed after the sink compacted batch 3");
                }
            }
        });
        drop(in.resolve("c.json"), "{\"id\":3,\"name\":\"c\"}\n", 3000);
        drop(in.resolve("d.json"), "{\"id\":4,\"name\":\"d\"}\n", 4000);
        StreamingQuery crashing = jsonToJson(in, out, checkpoint);
        assertThatThrownBy(crashing::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("killed after the sink compacted batch 3");
        assertThat(filesUnder(out.resolve("_spark_metadata"))).containsExactly("3.compact");
        assertThat(checkpoint.resolve("commits/3")).doesNotExist();

        StreamingTestHooks.set(spark, BatchHooks.NONE);
        drop(in.resolve("e.json"), "{\"id\":5,\"name\":\"e\"}\n", 5000);
        StreamingQuery restarted = jsonToJson(in, out, checkpoint);
        restarted.processAllAvailable(); // batch 3 replayed (skipped by the sink), batch 4 reads e
        restarted.stop();

        assertThat(column(spark.read().json(out.toString()).orderBy("id").collectAsList(), "name"))
                .containsExactly("a", "b", "c", "d", "e");
        assertThat(filesUnder(out).stream().filter(f -> f.endsWith(".json"))).hasSize(5);
        assertThat(filesUnder(out.resolve("_spark_metadata"))).containsExactly("3.compact", "4");
        assertThat(filesUnder(checkpoint.resolve("sources/0"))).containsExactly("3.compact", "4");
    }
}
