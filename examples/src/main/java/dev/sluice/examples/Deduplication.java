package dev.sluice.examples;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.to_timestamp;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StateOperatorProgress;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * "Datos duplicados": the same four files of events (a resend in the same file, a resend in a later file, a
 * resend with a new timestamp, then late events) run through the three ways to drop duplicates:
 * {@code dropDuplicates("id")} without watermark (state grows forever, late events kept), with a 10-minute
 * watermark {@code dropDuplicates("id", "ts")} (a resend with another timestamp is not a duplicate; state
 * expires; late events dropped) and {@code dropDuplicatesWithinWatermark("id")} (duplicates by id within the
 * watermark delay, whatever their timestamp). Each query gets the files one at a time and prints its
 * batches on the console.
 */
public final class Deduplication implements TutorialCase {
    @Override
    public String name() {
        return "deduplication";
    }

    @Override
    public String description() {
        return "Duplicates: dropDuplicates without watermark, with watermark, and dropDuplicatesWithinWatermark";
    }

    /** The event files, in arrival order: {@code {"id", "ts", "importe"}} documents. */
    static List<List<String>> eventFiles() {
        return List.of(
                List.of(event("1", "10:00", 10), event("2", "10:01", 20), event("1", "10:00", 10)),
                List.of(event("2", "10:01", 20), event("3", "10:05", 30), event("1", "10:02", 10)),
                List.of(event("4", "10:30", 40)),
                List.of(event("3", "10:05", 30), event("5", "10:06", 50)));
    }

    private static String event(String id, String time, int importe) {
        return "{\"id\": \"" + id + "\", \"ts\": \"2022-05-09 " + time + ":00\", \"importe\": " + importe + "}";
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        List<List<String>> files = eventFiles();
        for (int i = 0; i < files.size(); i++) {
            out.println("eventos-" + (i + 1) + ".json: " + files.get(i));
        }
        SluiceSession spark = Sluice.builder()
                .appName("Duplicados")
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", 3)
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        runOverTime(context, spark, "sin-marca", "Without watermark: streamingDF.dropDuplicates(\"id\")",
                df -> df.dropDuplicates("id"));
        runOverTime(context, spark, "con-marca", "With watermark: streamingDF.withWatermark(\"ts\", \"10 minutes\")"
                + ".dropDuplicates(\"id\", \"ts\")",
                df -> df.withWatermark("ts", "10 minutes").dropDuplicates("id", "ts"));
        runOverTime(context, spark, "dentro-marca", "Within watermark: streamingDF.withWatermark(\"ts\","
                + " \"10 minutes\").dropDuplicatesWithinWatermark(\"id\")",
                df -> df.withWatermark("ts", "10 minutes").dropDuplicatesWithinWatermark("id"));
    }

    /**
     * Runs one way of dropping duplicates over its own copy of the files, dropped one at a time: the query
     * processes each file (and the no-data batch that follows a watermark move) before the next one arrives,
     * as when the files come minutes apart.
     */
    private static void runOverTime(ExampleContext context, SluiceSession spark, String name, String title,
            UnaryOperator<Dataset<Row>> dedup) throws Exception {
        PrintStream out = context.out();
        out.println("--- " + title);
        Path entrada = context.folder("duplicados/" + name + "/entrada");
        Dataset<Row> streamingDF = spark.readStream()
                .format("json")
                .schema("id STRING, ts STRING, importe INT")
                .load(entrada.toString())
                .withColumn("ts", to_timestamp(col("ts"), "yyyy-MM-dd HH:mm:ss"));
        StreamingQuery query = dedup.apply(streamingDF).writeStream()
                .format("console")
                .outputMode("append")
                .option("checkpointLocation", context.folder("duplicados/" + name + "/chk-point-dir").toString())
                .start();
        List<List<String>> files = eventFiles();
        for (int i = 0; i < files.size(); i++) {
            ExampleContext.dropFile(entrada, "eventos-" + (i + 1) + ".json", TutorialData.jsonLines(files.get(i)));
            query.processAllAvailable();
        }
        query.stop();
        long total = 0;
        long late = 0;
        for (StreamingQueryProgress p : query.recentProgress()) {
            for (StateOperatorProgress op : p.stateOperators()) {
                late += op.numRowsDroppedByWatermark();
                total = op.numRowsTotal();
            }
        }
        out.println("--- " + name + ": keys kept in state at the end: " + total + ", late rows dropped: " + late);
    }
}
