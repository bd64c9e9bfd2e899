package dev.sluice.connectors.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.SluiceIllegalArgumentException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.connectors.socket.CrashBeforeCommit;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rate} and {@code rate-micro-batch} in real queries: the rows of each batch, option checks with Spark's
 * messages, and restarts from a checkpoint that re-run a batch with identical rows. {@code rate} runs on the wall
 * clock here, so its checks hold whatever the timing (every value once, in order, at start + value / rate).
 */
class RateSourcesQueryTest {
    @TempDir
    Path dir;

    SluiceSession spark;

    @BeforeEach
    void setUp() {
        spark = Sluice.builder().appName("rate-tests").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.streams().resetTerminated();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (StreamingQuery q : spark.streams().active()) {
            q.stop();
        }
        StreamingTestHooks.set(spark, BatchHooks.NONE);
        spark.streams().resetTerminated();
    }

    /** Records "timestampMs:value" of every row, per batch id, in the order the source produced them. */
    static final class Recorder {
        final Map<Long, List<String>> batches = Collections.synchronizedMap(new TreeMap<>());

        StreamingQuery start(Dataset<Row> rates, String checkpoint, Trigger trigger) throws Exception {
            return rates.writeStream().trigger(trigger).option("checkpointLocation", checkpoint)
                    .foreachBatch((Dataset<Row> ds, Long id) -> {
                        List<String> rows = new ArrayList<>();
                        for (Row r : ds.collectAsList()) {
                            rows.add(((Timestamp) r.get(0)).getTime() + ":" + r.getLong(1));
                        }
                        batches.put(id, rows);
                    }).start();
        }

        List<String> all() {
            List<String> out = new ArrayList<>();
            batches.values().forEach(out::addAll);
            return out;
        }
    }

    private Dataset<Row> microBatches(int rowsPerBatch, int partitions) {
        return spark.readStream().format("rate-micro-batch").option("rowsPerBatch", rowsPerBatch)
                .option("numPartitions", partitions).option("startTimestamp", 1_000_000)
                .option("advanceMillisPerBatch", 500).load();
    }

    @Test
    void schemaIsTimestampAndValue() {
        StructType expected = new StructType().add("timestamp", DataTypes.TimestampType)
                .add("value", DataTypes.LongType);
        assertThat(spark.readStream().format("rate").load().schema()).isEqualTo(expected);
        assertThat(microBatches(1, 1).schema()).isEqualTo(expected);
    }

    @Test
    void rateMicroBatchGivesBatchNItsOwnValuesAndTimestamp() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        Recorder out = new Recorder();
        for (int run = 0; run < 3; run++) {
            out.start(microBatches(4, 2), checkpoint, Trigger.AvailableNow()).awaitTermination();
        }
        assertThat(out.batches).containsOnlyKeys(0L, 1L, 2L);
        // partition 0 takes the even values, partition 1 the odd ones; rows come partition after partition
        assertThat(out.batches.get(0L)).containsExactly("1000000:0", "1000000:2", "1000000:1", "1000000:3");
        assertThat(out.batches.get(1L)).containsExactly("1000500:4", "1000500:6", "1000500:5", "1000500:7");
        assertThat(out.batches.get(2L)).containsExactly("1001000:8", "1001000:10", "1001000:9", "1001000:11");
    }

    @Test
    void rateMicroBatchRestartRerunsTheUncommittedBatchWithIdenticalRows() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        Recorder crashed = crashAtBatch1(microBatches(3, 1), checkpoint, Trigger.ProcessingTime(0));

        Recorder restarted = new Recorder();
        restarted.start(microBatches(3, 1), checkpoint, Trigger.AvailableNow()).awaitTermination();
        assertThat(crashed.batches.get(1L)).containsExactly("1000500:3", "1000500:4", "1000500:5");
        assertThat(restarted.batches.get(1L)).isEqualTo(crashed.batches.get(1L));
        assertThat(restarted.batches).doesNotContainKey(0L);
    }

    @Test
    void rateEmitsEveryValueOnceInOrderAtStartPlusValueOverRate() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        Recorder out = new Recorder();
        StreamingQuery q = out.start(spark.readStream().format("rate").option("rowsPerSecond", 10)
                .option("numPartitions", 1).load(), checkpoint, Trigger.ProcessingTime(100));
        awaitRows(out, q, 15);
        q.stop();
        long start = Long.parseLong(CheckpointFile.readText(Path.of(checkpoint, "sources", "0", "0"), 1).trim());
        List<String> rows = out.all();
        for (int v = 0; v < rows.size(); v++) {
            assertThat(rows.get(v)).isEqualTo((start + v * 100L) + ":" + v);
        }
    }

    @Test
    void rateRestartRerunsTheUncommittedBatchWithIdenticalRows() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        Recorder crashed = crashAtBatch1(rampingRate(), checkpoint, Trigger.ProcessingTime(50));

        Recorder restarted = new Recorder();
        StreamingQuery again = restarted.start(rampingRate(), checkpoint, Trigger.ProcessingTime(50));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!restarted.batches.containsKey(1L) && System.nanoTime() < deadline && again.isActive()) {
            Thread.sleep(10);
        }
        again.stop();
        assertThat(restarted.batches.get(1L)).isNotNull().isEqualTo(crashed.batches.get(1L));
    }

    private Dataset<Row> rampingRate() {
        return spark.readStream().format("rate").option("rowsPerSecond", 7).option("rampUpTime", "2s")
                .option("numPartitions", 3).load();
    }

    /** Runs {@code rates} until batch 1 fails before its commit (after the sink saw it); returns what it saw. */
    private Recorder crashAtBatch1(Dataset<Row> rates, String checkpoint, Trigger trigger) throws Exception {
        StreamingTestHooks.set(spark, new CrashBeforeCommit(1));
        Recorder crashed = new Recorder();
        StreamingQuery q = crashed.start(rates, checkpoint, trigger);
        assertThatThrownBy(q::awaitTermination).hasStackTraceContaining(CrashBeforeCommit.MESSAGE);
        StreamingTestHooks.set(spark, BatchHooks.NONE);
        spark.streams().resetTerminated();
        return crashed;
    }

    private static void awaitRows(Recorder out, StreamingQuery q, int rows) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (out.all().size() < rows) {
            if (!q.isActive() || System.nanoTime() > deadline) {
                throw new AssertionError("only " + out.all().size() + " rows; query error: " + q.exception());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void invalidOptionsFailAtLoadWithSparksMessages() {
        assertThatThrownBy(() -> rate("rowsPerSecond", "0")).isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] "
                        + "Invalid value '0'. The option 'rowsPerSecond' must be positive SQLSTATE: 42616");
        assertThatThrownBy(() -> rate("rampUpTime", "-1s")).isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] "
                        + "Invalid value '-1'. The option 'rampUpTime' must not be negative SQLSTATE: 42616");
        assertThatThrownBy(() -> rate("rampUpTime", "5 parsecs")).isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessageStartingWith("[SLUICE_INVALID_OPTION_VALUE] Time must be specified as seconds (s)")
                .hasMessageContaining("'rampUpTime'");
        assertThatThrownBy(() -> rate("numPartitions", "-2")).isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] "
                        + "Invalid value '-2'. The option 'numPartitions' must be positive SQLSTATE: 42616");
        assertThatThrownBy(() -> rate("rowsPerSecond", "many")).isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessageContaining("\"many\"").hasMessageContaining("'rowsPerSecond'");

        assertThatThrownBy(() -> spark.readStream().format("rate-micro-batch").load())
                .isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] "
                        + "Invalid value '0'. The option 'rowsPerBatch' must be positive SQLSTATE: 42616");
        assertThatThrownBy(() -> microBatch("startTimestamp", "-5")).isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] "
                        + "Invalid value '-5'. The option 'startTimestamp' must be non-negative SQLSTATE: 42616");
        assertThatThrownBy(() -> microBatch("advanceMillisPerBatch", "-1")).isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] "
                        + "Invalid value '-1'. The option 'advanceMillisPerBatch' must be non-negative SQLSTATE: 42616");
        assertThatThrownBy(() -> microBatch("numPartitions", "0")).isInstanceOf(SluiceIllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] "
                        + "Invalid value '0'. The option 'numPartitions' must be positive SQLSTATE: 42616");
    }

    @Test
    void rampUpTimeTakesSparkDurationsTruncatedToSeconds() {
        Map<String, String> options = Map.of("rampUpTime", "2min");
        assertThat(RateOptions.getSeconds(options, "rampUpTime", 0)).isEqualTo(120);
        assertThat(RateOptions.getSeconds(Map.of("rampUpTime", "1999ms"), "rampUpTime", 0)).isEqualTo(1);
        assertThat(RateOptions.getSeconds(Map.of("RAMPUPTIME", "7"), "rampUpTime", 0)).isEqualTo(7);
    }

    @Test
    void batchReadsFailAsInSpark() {
        // numPartitions defaults to the session's parallelism (getOrCreate may return a session of an earlier test)
        int partitions = spark.parallelism();
        assertThatThrownBy(() -> spark.read().format("rate").option("rowsPerSecond", 5).load())
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[UNSUPPORTED_FEATURE.TABLE_OPERATION] The feature is not supported: Table"
                        + " `RateStream(rowsPerSecond=5, rampUpTimeSeconds=0, numPartitions=" + partitions
                        + ")` does not support"
                        + " batch scan.");
        assertThatThrownBy(() -> spark.read().format("rate-micro-batch").option("rowsPerBatch", 5).load())
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("`RatePerMicroBatch(rowsPerBatch=5, numPartitions=" + partitions + ",startTimestamp=0,"
                        + " advanceMillisPerBatch=1000)` does not support batch scan.");
    }

    private Dataset<Row> rate(String key, String value) {
        return spark.readStream().format("rate").option(key, value).load();
    }

    private Dataset<Row> microBatch(String key, String value) {
        return spark.readStream().format("rate-micro-batch").option("rowsPerBatch", 1).option(key, value).load();
    }
}
