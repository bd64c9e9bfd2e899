package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RuntimeConfig;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark.sql.streaming.checkpoint.fsync}: turning the fsyncs off changes neither the files a query
 * writes nor how it recovers from them; only their durability against a power loss, which a test cannot cut.
 */
class CheckpointFsyncTest extends StreamingTestSupport {
    @TempDir
    Path dir;

    @AfterEach
    void resetSetting() {
        spark.conf().unset(RuntimeConfig.CHECKPOINT_FSYNC);
    }

    /** Two batches, a stop, a restart and a third batch; returns each batch's counts by batch id. */
    private Map<Long, Map<String, Long>> runStopAndRestart(Path checkpoint) throws Exception {
        Map<Long, Map<String, Long>> batches = Collections.synchronizedMap(new TreeMap<>());
        MemoryStream input = lines();
        for (int run = 0; run < 2; run++) {
            StreamingQuery query = input.toDF().groupBy("value").count().writeStream().outputMode("complete")
                    .option("checkpointLocation", checkpoint.toString())
                    .foreachBatch((Dataset<Row> ds, Long id) -> batches.put(id, counts(ds.collectAsList())))
                    .start();
            if (run == 0) {
                input.addValues("a", "b");
                query.processAllAvailable();
                input.addValues("a");
            } else {
                input.addValues("c");
            }
            query.processAllAvailable();
            query.stop();
        }
        return batches;
    }

    /** Every file under {@code root}, relative, sorted. */
    private static List<String> files(Path root) throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(f -> names.add(root.relativize(f).toString()));
        }
        Collections.sort(names);
        return names;
    }

    @Test
    void withoutFsyncAQueryWritesTheSameFilesAndRecoversFromThem() throws Exception {
        Path durable = dir.resolve("fsync");
        Path osFlushed = dir.resolve("no-fsync");
        Map<Long, Map<String, Long>> withFsync = runStopAndRestart(durable);
        spark.conf().set(RuntimeConfig.CHECKPOINT_FSYNC, "false");
        Map<Long, Map<String, Long>> withoutFsync = runStopAndRestart(osFlushed);

        assertThat(withoutFsync).isEqualTo(withFsync).containsOnlyKeys(0L, 1L, 2L);
        assertThat(withoutFsync.get(2L)).isEqualTo(Map.of("a", 2L, "b", 1L, "c", 1L));
        assertThat(files(osFlushed)).isEqualTo(files(durable)).contains("metadata", "offsets/2", "commits/2")
                .noneMatch(name -> name.contains(".tmp"));
        for (String log : List.of("offsets/0", "offsets/2", "commits/2", "metadata")) {
            CheckpointFile.read(osFlushed.resolve(log), 1); // complete, checksum intact
        }
    }

    @Test
    void aFileWrittenWithoutFsyncHasTheSameBytes() throws Exception {
        byte[] payload = "{\"batchWatermarkMs\":0}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CheckpointFile.write(dir.resolve("durable"), 1, payload, true);
        CheckpointFile.write(dir.resolve("flushed"), 1, payload, false);
        assertThat(Files.readAllBytes(dir.resolve("flushed"))).isEqualTo(Files.readAllBytes(dir.resolve("durable")));
        assertThat(CheckpointFile.read(dir.resolve("flushed"), 1)).isEqualTo(payload);
    }

    @Test
    void theSettingIsTrueByDefaultAndOnlyTakesBooleans() {
        assertThat(spark.conf().checkpointFsync()).isTrue();
        spark.conf().set(RuntimeConfig.CHECKPOINT_FSYNC, "FALSE");
        assertThat(spark.conf().checkpointFsync()).isFalse();
        assertThatThrownBy(() -> spark.conf().set(RuntimeConfig.CHECKPOINT_FSYNC, "sometimes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'sometimes' in the config"
                        + " \"spark.sql.streaming.checkpoint.fsync\" is invalid. It should be a/an 'boolean' value."
                        + " SQLSTATE: 22022");
    }
}
