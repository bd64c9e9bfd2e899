package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.when;
import static dev.sluice.sql.functions.session_window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming {@code session_window} counts per word with a 5-minute gap and a 10-minute watermark. Batches
 * (a no-data batch follows each batch that moves the watermark; update mode is rejected, as Spark):
 * <ol>
 *   <li>a 12:00, a 12:02, b 12:01 - sessions a 12:00-12:07 (2), b 12:01-12:06 (1); watermark -> 11:52;</li>
 *   <li>a 12:06 (merges with the stored a session: 12:00-12:11, 3), b 12:20 (12:20-12:25); watermark -> 12:10,
 *       the no-data batch evicts b 12:01-12:06;</li>
 *   <li>a 12:09 (its session ends 12:14 > 12:10, not late: a 12:00-12:14, 4), b 12:40; watermark -> 12:30,
 *       the no-data batch evicts a 12:00-12:14 and b 12:20-12:25.</li>
 * </ol>
 */
class SessionWindowStreamingTest extends StatefulTestSupport {
    static final List<List<Row>> BATCHES = List.of(
            List.of(event("a", "12:00"), event("a", "12:02"), event("b", "12:01")),
            List.of(event("a", "12:06"), event("b", "12:20")),
            List.of(event("a", "12:09"), event("b", "12:40")));

    @TempDir
    Path dir;

    /** "12:00-12:07 a 2" for a (session_window, word, count) row. */
    static String sessionRow(Row r) {
        Row w = (Row) r.get(1);
        return hhmm(w.get(0)) + "-" + hhmm(w.get(1)) + " " + r.getString(0) + " " + r.getLong(2);
    }

    private StreamingQuery start(MemoryStream input, String mode, String checkpoint, Map<Long, List<String>> out)
            throws Exception {
        Dataset<Row> sessions = input.toDF().withWatermark("ts", "10 minutes")
                .groupBy(col("word"), session_window(col("ts"), "5 minutes")).count();
        var writer = sessions.writeStream().outputMode(mode);
        if (checkpoint != null) {
            writer = writer.option("checkpointLocation", checkpoint);
        }
        return writer.foreachBatch((Dataset<Row> ds, Long id) -> {
            List<String> rows = new ArrayList<>();
            ds.collectAsList().forEach(r -> rows.add(sessionRow(r)));
            rows.sort(null);
            out.put(id, rows);
        }).start();
    }

    private Map<Long, List<String>> run(String mode, String checkpoint, boolean restartEveryBatch)
            throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = null;
        for (List<Row> batch : BATCHES) {
            if (q == null) {
                q = start(input, mode, checkpoint, out);
            }
            input.addData(batch);
            q.processAllAvailable();
            if (restartEveryBatch) {
                q.stop();
                q = null;
            }
        }
        return out;
    }

    @Test
    void updateModeIsRejectedAsSparkDoes() {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        assertThatThrownBy(() -> start(input, "update", null, new TreeMap<>()))
                .isInstanceOfSatisfying(AnalysisException.class, e -> {
                    // Spark 4.1.1's UnsupportedOperationChecker text.
                    assertThat(e.getCondition()).isEqualTo("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
                    assertThat(e.getMessage()).isEqualTo("[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid"
                            + " streaming output mode: update. This output mode is not supported for session window"
                            + " streaming aggregations on streaming DataFrames/DataSets. SQLSTATE: 42KDE");
                });
    }

    @Test
    void appendModeEmitsEachSessionOnceWhenTheWatermarkPassesItsEnd() throws Exception {
        assertThat(run("append", null, false)).containsExactly(
                Map.entry(0L, List.of()),
                Map.entry(1L, List.of()),
                Map.entry(2L, List.of()),
                Map.entry(3L, List.of("12:01-12:06 b 1")),
                Map.entry(4L, List.of()),
                Map.entry(5L, List.of("12:00-12:14 a 4", "12:20-12:25 b 1")));
    }

    @Test
    void aQueryRestartedFromItsCheckpointAfterEveryBatchKeepsItsSessions() throws Exception {
        for (String mode : List.of("append", "complete")) {
            String checkpoint = dir.resolve(mode).toString();
            assertThat(run(mode, checkpoint, true)).as(mode).isEqualTo(run(mode, null, false));
        }
    }

    @Test
    void completeModeOutputsEverySession() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(input, "complete", null, out);
        for (List<Row> batch : BATCHES.subList(0, 2)) {
            input.addData(batch);
            q.processAllAvailable();
        }
        assertThat(out).containsExactly(
                Map.entry(0L, List.of("12:00-12:07 a 2", "12:01-12:06 b 1")),
                Map.entry(1L, List.of("12:00-12:11 a 3", "12:01-12:06 b 1", "12:20-12:25 b 1")));
    }

    @Test
    void anEventBridgingTwoStoredSessionsMergesThemWithPerRowGapsAndNoOtherKey() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Dataset<Row> sessions = input.toDF().withWatermark("ts", "1 hour")
                .groupBy(session_window(col("ts"), when(col("word").equalTo("long"), lit("10 minutes"))
                        .otherwise(lit("5 minutes"))))
                .agg(count(lit(1)).as("n"), max(col("word")).as("last"));
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery q = sessions.writeStream().outputMode("complete").foreachBatch((Dataset<Row> ds, Long id) -> {
            List<String> rows = new ArrayList<>();
            for (Row r : ds.collectAsList()) {
                Row w = (Row) r.get(0);
                rows.add(hhmm(w.get(0)) + "-" + hhmm(w.get(1)) + " " + r.getLong(1) + " " + r.getString(2));
            }
            rows.sort(null);
            out.add(id + ": " + rows);
        }).start();
        input.addData(List.of(event("a", "12:00"), event("b", "12:08"), event("c", "12:30")));
        q.processAllAvailable();
        // 12:04 + 10 minutes reaches both stored sessions (12:00-12:05 and 12:08-12:13): one session of 3 rows
        input.addData(List.of(event("long", "12:04")));
        q.processAllAvailable();
        assertThat(out).containsExactly(
                "0: [12:00-12:05 1 a, 12:08-12:13 1 b, 12:30-12:35 1 c]",
                "1: [12:00-12:14 3 long, 12:30-12:35 1 c]");
    }

    @Test
    void sessionsEndingByTheLateEventsWatermarkAreDroppedAndCounted() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(input, "append", null, out);
        for (List<Row> batch : BATCHES) {
            input.addData(batch);
            q.processAllAvailable();
        }
        // watermark 12:30: b 12:21 and b 12:23 make one session 12:21-12:28, ended by 12:30, so dropped;
        // a 12:26 starts 12:26-12:31, kept
        input.addData(List.of(event("b", "12:21"), event("b", "12:23"), event("a", "12:26")));
        q.processAllAvailable();
        assertThat(out.get(6L)).isEmpty();
        StateOperatorProgress progress = q.lastProgress().stateOperators()[0];
        assertThat(progress.numRowsDroppedByWatermark()).isEqualTo(1);
        assertThat(progress.numRowsUpdated()).isEqualTo(1);
        assertThat(progress.numRowsTotal()).isEqualTo(2); // keys a and b hold open sessions
    }

    /**
     * Forty words over the 5 state partitions (read, merged, written and evicted partitions in parallel on local[2]):
     * word {@code wNN} has events at 12:(NN % 5) and 12:(NN % 5 + 2) in batch 0, one session
     * [12:(NN % 5), 12:(NN % 5 + 7)) of 2 events; batch 1 adds one event 12:(NN % 5 + 4) to every even word (its
     * session grows to 12:(NN % 5 + 9), 3 events) and an event at 13:00 that moves the watermark to 12:50, so the
     * no-data batch after it (batch 3; batch 1 is the no-data batch of batch 0's watermark) emits every session
     * once.
     */
    @Test
    void manyKeysAcrossPartitionsMergeAndEvictAsOneThreadWould() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(input, "append", null, out);
        List<Row> first = new ArrayList<>();
        List<Row> second = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int w = 0; w < 40; w++) {
            String word = String.format("w%02d", w);
            int m = w % 5;
            first.add(event(word, "12:0" + m));
            first.add(event(word, "12:0" + (m + 2)));
            if (w % 2 == 0) {
                second.add(event(word, "12:0" + (m + 4)));
                expected.add(String.format("12:%02d-12:%02d %s 3", m, m + 9, word));
            } else {
                expected.add(String.format("12:%02d-12:%02d %s 2", m, m + 7, word));
            }
        }
        second.add(event("late-mover", "13:00"));
        input.addData(first);
        q.processAllAvailable();
        input.addData(second);
        q.processAllAvailable();
        q.stop();
        expected.sort(null);
        assertThat(out.keySet()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(out.get(0L)).isEmpty();
        assertThat(out.get(1L)).isEmpty();
        assertThat(out.get(2L)).isEmpty();
        assertThat(out.get(3L)).containsExactlyElementsOf(expected);
    }
}
