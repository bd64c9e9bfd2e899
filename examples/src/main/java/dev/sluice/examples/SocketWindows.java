package dev.sluice.examples;

import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.split;
import static dev.sluice.sql.functions.window;

import dev.sluice.sql.Column;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.testkit.LineServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Case 5 ("Windowing"): the socket's lines carry their arrival time ({@code includeTimestamp}); words are
 * counted per 2-minute tumbling window, then per 2-minute window sliding every minute, where each word lands
 * in two windows. Complete mode, ordered by window, not truncated. As in the tutorial, the case then waits
 * until the next window starts and types again: the last tumbling line is counted in a new window from 0, and
 * "Segunda ventana" lands in the second sliding window and a third one. The windows are those of the time the
 * case runs (processing time), so their bounds differ from run to run; the counts do not (lines typed together
 * are kept away from a window boundary). The waits take up to three minutes.
 */
public final class SocketWindows implements TutorialCase {
    /** The lines typed for the tumbling windows, then the one typed in the next window. */
    static final List<String> TUMBLING = List.of("Hola Mundo", "Hola desde el Severo");
    static final List<String> TUMBLING_LATER = List.of("Severo Ochoa y el Mundo");
    /** The lines typed for the sliding windows, then those typed a slide later ("Segunda ventana"). */
    static final List<String> SLIDING = List.of("Hola Mundo", "Severo Ochoa", "Hola Mundo desde el Severo Ochoa");
    static final List<String> SLIDING_LATER = List.of("Segunda ventana", "Segunda ventana Ochoa");

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public String description() {
        return "Case 5: socket words counted per 2-minute tumbling window, then per sliding window (1 minute)";
    }

    @Override
    public List<String> requiredFormats() {
        return List.of("socket");
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        SluiceSession spark = Sluice.builder()
                .appName("Streaming s8a Windowing")
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", 3)
                .getOrCreate();
        // Lines reach the socket source asynchronously: wait for them by counting the rows the queries read.
        InputRows received = InputRows.register(spark);
        countPerWindow(context, spark, received, "tumbling: window(timestamp, \"2 minutes\")", TUMBLING,
                TUMBLING_LATER, ts -> window(ts, "2 minutes"), Duration.ofMinutes(2));
        countPerWindow(context, spark, received, "sliding: window(timestamp, \"2 minutes\", \"1 minute\")",
                SLIDING, SLIDING_LATER, ts -> window(ts, "2 minutes", "1 minute"), Duration.ofMinutes(1));
    }

    private static void countPerWindow(ExampleContext context, SluiceSession spark, InputRows received,
            String title, List<String> lines, List<String> later, Function<Column, Column> windowOf, Duration slide)
            throws Exception {
        PrintStream out = context.out();
        out.println("--- " + title);
        try (LineServer netcat = context.startLineServer()) {
            Dataset<Row> linesDF = spark.readStream()
                    .format("socket")
                    .option("host", netcat.host())
                    .option("port", netcat.port())
                    .option("includeTimestamp", "true")
                    .load();
            Dataset<Row> wordsDF = linesDF.select(
                    explode(split(linesDF.col("value"), " ")).alias("palabra"),
                    linesDF.col("timestamp"));
            Dataset<Row> windowedCounts = wordsDF
                    .groupBy(windowOf.apply(wordsDF.col("timestamp")), wordsDF.col("palabra"))
                    .count()
                    .orderBy("window");
            String name = title.substring(0, title.indexOf(':'));
            StreamingQuery wordCountQuery = windowedCounts.writeStream()
                    .format("console")
                    .outputMode("complete")
                    .option("truncate", "false")
                    .option("checkpointLocation", context.folder("windows-" + name).toString())
                    .start();
            // Like netcat, the server sends a line only to the clients connected at that moment.
            netcat.awaitConnections(1, Duration.ofSeconds(30));
            // The lines are typed within one slide, as in the tutorial, so they share their windows: close to a
            // window boundary, wait until it has passed.
            awayFromBoundary(slide, Duration.ofSeconds(15));
            int sent = 0;
            for (String line : lines) {
                out.println("nc> " + line);
                netcat.send(line);
                received.await(wordCountQuery, ++sent);
            }
            // As the tutorial waits before typing again: the next lines fall in the next window(s).
            out.println("(waiting until the next " + slide.toMinutes() + "-minute boundary of the windows)");
            Thread.sleep(untilNextBoundary(slide) + 200);
            for (String line : later) {
                out.println("nc> " + line);
                netcat.send(line);
                received.await(wordCountQuery, ++sent);
            }
            int typedBefore = sent;
            context.forwardTypedLines(netcat, round -> received.await(wordCountQuery, typedBefore + round + 1));
            wordCountQuery.stop();
        }
    }

    /** Waits, if fewer than {@code margin} remain until the next multiple of {@code slide}, until it has passed. */
    private static void awayFromBoundary(Duration slide, Duration margin) throws InterruptedException {
        long wait = untilNextBoundary(slide);
        if (wait < margin.toMillis()) {
            Thread.sleep(wait + 200);
        }
    }

    /** Milliseconds from now to the next multiple of {@code slide} since the epoch (a window boundary). */
    private static long untilNextBoundary(Duration slide) {
        long now = System.currentTimeMillis();
        return (now / slide.toMillis() + 1) * slide.toMillis() - now;
    }
}
