package dev.sluice.connectors.socket;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.split;
import static dev.sluice.sql.functions.to_timestamp;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's Case 5 over real TCP: word counts in tumbling 2-minute windows and in 2-minute windows sliding
 * every minute, complete mode. The tutorial windows by the arrival time ({@code includeTimestamp}), which a test
 * cannot choose; here each line carries the time it would have arrived at ("2022-05-05 17:32:10,Hola Mundo"), so
 * the windows are the tutorial's exactly. {@link #includeTimestampWindowsByArrivalTime} runs the tutorial's own
 * query on arrival times and checks what does not depend on the clock.
 */
class SocketWindowTest extends SocketTestSupport {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** (palabra, timestamp) from lines "yyyy-MM-dd HH:mm:ss,text". */
    private Dataset<Row> timedWords() {
        Dataset<Row> lines = socketLines();
        Dataset<Row> parsed = lines.select(
                to_timestamp(split(col("value"), ",").getItem(0), "yyyy-MM-dd HH:mm:ss").alias("timestamp"),
                split(col("value"), ",").getItem(1).alias("text"));
        return parsed.select(explode(split(col("text"), " ")).alias("palabra"), col("timestamp"));
    }

    /** "17:32-17:34 Hola 2" for a (window, palabra, count) row. */
    private static String windowCount(Row r) {
        Row w = (Row) r.get(0);
        return hhmm(w.get(0)) + "-" + hhmm(w.get(1)) + " " + r.getString(1) + " " + r.getLong(2);
    }

    private static String hhmm(Object timestamp) {
        return HH_MM.format(((Timestamp) timestamp).toInstant());
    }

    @Test
    void tumblingWindowsCountWordsPerTwoMinutes() throws Exception {
        Dataset<Row> words = timedWords();
        Dataset<Row> windowedCounts = words.groupBy(window(col("timestamp"), "2 minutes"), col("palabra")).count()
                .orderBy("window");
        BatchRecorder out = new BatchRecorder();
        StreamingQuery q = out.start(windowedCounts, "complete", null, SocketWindowTest::windowCount);
        awaitConnected(1);
        step(q, 0, "2022-05-05 17:32:10,Hola Mundo");
        step(q, 1, "2022-05-05 17:33:20,Hola desde el Severo");
        step(q, 2, "2022-05-05 17:34:30,Severo Ochoa y el Mundo");
        assertThat(out.batch(0)).containsExactly("17:32-17:34 Hola 1", "17:32-17:34 Mundo 1");
        assertThat(out.batch(1)).containsExactly("17:32-17:34 Hola 2", "17:32-17:34 Mundo 1",
                "17:32-17:34 Severo 1", "17:32-17:34 desde 1", "17:32-17:34 el 1");
        assertThat(out.batch(2)).containsExactly("17:32-17:34 Hola 2", "17:32-17:34 Mundo 1",
                "17:32-17:34 Severo 1", "17:32-17:34 desde 1", "17:32-17:34 el 1",
                "17:34-17:36 Mundo 1", "17:34-17:36 Ochoa 1", "17:34-17:36 Severo 1", "17:34-17:36 el 1",
                "17:34-17:36 y 1");
    }

    @Test
    void slidingWindowsCountEachWordInBothWindowsCoveringIt() throws Exception {
        Dataset<Row> words = timedWords();
        Dataset<Row> windowedCounts = words.groupBy(window(col("timestamp"), "2 minutes", "1 minute"),
                col("palabra")).count().orderBy("window");
        BatchRecorder out = new BatchRecorder();
        StreamingQuery q = out.start(windowedCounts, "complete", null, SocketWindowTest::windowCount);
        awaitConnected(1);
        step(q, 0, "2022-05-05 17:57:05,Hola Mundo");
        step(q, 1, "2022-05-05 17:57:10,Severo Ochoa");
        step(q, 2, "2022-05-05 17:58:10,Segunda ventana");
        assertThat(out.batch(0)).containsExactly("17:56-17:58 Hola 1", "17:56-17:58 Mundo 1",
                "17:57-17:59 Hola 1", "17:57-17:59 Mundo 1");
        assertThat(out.batch(1)).containsExactly("17:56-17:58 Hola 1", "17:56-17:58 Mundo 1",
                "17:56-17:58 Ochoa 1", "17:56-17:58 Severo 1", "17:57-17:59 Hola 1", "17:57-17:59 Mundo 1",
                "17:57-17:59 Ochoa 1", "17:57-17:59 Severo 1");
        assertThat(out.batch(2)).containsExactly("17:56-17:58 Hola 1", "17:56-17:58 Mundo 1",
                "17:56-17:58 Ochoa 1", "17:56-17:58 Severo 1", "17:57-17:59 Hola 1", "17:57-17:59 Mundo 1",
                "17:57-17:59 Ochoa 1", "17:57-17:59 Segunda 1", "17:57-17:59 Severo 1", "17:57-17:59 ventana 1",
                "17:58-18:00 Segunda 1", "17:58-18:00 ventana 1");
    }

    @Test
    void includeTimestampWindowsByArrivalTime() throws Exception {
        Dataset<Row> linesDF = socketLines("includeTimestamp", "true");
        Dataset<Row> wordsDF = linesDF.select(explode(split(linesDF.col("value"), " ")).alias("palabra"),
                linesDF.col("timestamp"));
        Dataset<Row> windowedCounts = wordsDF.groupBy(window(wordsDF.col("timestamp"), "2 minutes"),
                wordsDF.col("palabra")).count().orderBy("window");
        List<Row>[] last = new List[1];
        StreamingQuery q = windowedCounts.writeStream().outputMode("complete")
                .foreachBatch((Dataset<Row> ds, Long id) -> last[0] = ds.collectAsList()).start();
        awaitConnected(1);
        long before = System.currentTimeMillis();
        step(q, 0, "Hola Mundo Hola");
        long after = System.currentTimeMillis();
        long total = 0;
        for (Row r : last[0]) {
            Row w = (Row) r.get(0);
            long start = ((Timestamp) w.get(0)).getTime();
            long end = ((Timestamp) w.get(1)).getTime();
            assertThat(end - start).isEqualTo(120_000);
            assertThat(start % 120_000).isZero();
            // the arrival time lies in [before, after], so its window starts no later than 'after'
            assertThat(start).isBetween(before - 120_000, after);
            total += r.getLong(2);
        }
        assertThat(total).isEqualTo(3);
    }
}
