package dev.sluice.examples;

import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.split;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.testkit.LineServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Case 1 ("Hola Spark Streaming") and the output modes that follow it: lines from a socket (the runner's line
 * server in place of {@code nc -lk 9999}) are split into words ({@code palabra}) and counted; first in complete
 * mode (every batch prints every word), then in update mode (a batch prints only the words it changed), and the
 * append mode the tutorial tries last, which Spark rejects for an aggregation without a watermark.
 */
public final class SocketWordCount implements TutorialCase {
    /** The two lines the tutorial types into netcat. */
    static final List<String> LINES = List.of("Spark en el Severo Ochoa", "El Severo Ochoa está en Elche");

    @Override
    public String name() {
        return "word-count";
    }

    @Override
    public String description() {
        return "Case 1: socket lines -> words (palabra) -> counts, in complete then update mode";
    }

    @Override
    public List<String> requiredFormats() {
        return List.of("socket");
    }

    /** Case 1's query: the words of the socket's lines, counted. */
    static Dataset<Row> cantidadDF(SluiceSession spark, LineServer netcat) {
        Dataset<Row> lineasDF = spark.readStream()
                .format("socket")
                .option("host", netcat.host())
                .option("port", netcat.port())
                .load();
        Dataset<Row> palabrasDF = lineasDF.select(explode(split(lineasDF.col("value"), " ")).alias("palabra"));
        return palabrasDF.groupBy("palabra").count();
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        SluiceSession spark = Sluice.builder()
                .appName("Streaming s8a WordCount")
                .master("local[2]")
                .config("spark.streaming.stopGracefullyOnShutdown", "true")
                .config("spark.sql.shuffle.partitions", 3)
                .getOrCreate();
        // Lines reach the socket source asynchronously: wait for them by counting the rows the queries read.
        InputRows received = InputRows.register(spark);
        countWords(context, spark, received, "complete");
        countWords(context, spark, received, "update");
        appendIsRejected(context, spark);
    }

    /** The tutorial's append attempt: an aggregation without a watermark cannot run in append mode. */
    private static void appendIsRejected(ExampleContext context, SluiceSession spark) throws Exception {
        PrintStream out = context.out();
        out.println("--- outputMode(\"append\")");
        try (LineServer netcat = context.startLineServer()) {
            cantidadDF(spark, netcat).writeStream()
                    .format("console")
                    .outputMode("append")
                    .option("checkpointLocation", context.folder("wordcount-append").toString())
                    .start();
            out.println("the query started, which Spark does not allow");
        } catch (Exception e) {
            // AnalysisException: a RuntimeException in Sluice, a checked exception in Spark's Java API.
            out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void countWords(ExampleContext context, SluiceSession spark, InputRows received,
            String outputMode) throws Exception {
        PrintStream out = context.out();
        out.println("--- outputMode(\"" + outputMode + "\")");
        try (LineServer netcat = context.startLineServer()) {
            StreamingQuery wordCountQuery = cantidadDF(spark, netcat).writeStream()
                    .format("console")
                    .outputMode(outputMode)
                    .option("checkpointLocation", context.folder("wordcount-" + outputMode).toString())
                    .start();
            // Like netcat, the server sends a line only to the clients connected at that moment.
            netcat.awaitConnections(1, Duration.ofSeconds(30));
            for (int i = 0; i < LINES.size(); i++) {
                out.println("nc> " + LINES.get(i));
                netcat.send(LINES.get(i));
                received.await(wordCountQuery, i + 1);
            }
            context.forwardTypedLines(netcat, round -> received.await(wordCountQuery, LINES.size() + round + 1));
            wordCountQuery.stop();
        }
    }
}
