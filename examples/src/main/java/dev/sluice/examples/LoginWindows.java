package dev.sluice.examples;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.window;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StateOperatorProgress;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.io.PrintStream;
import java.util.List;

/**
 * Activity 7: Case 8 with a 15-minute window. The logins joined with {@code usuarios} are counted per user in
 * 15-minute windows of {@code login_time} with a 15-minute watermark, in append mode: a window is printed once
 * the watermark has passed its end, and its state is then removed. Later logins move the watermark and clean
 * the state; a login older than the watermark is dropped. After each round the state of the aggregation is
 * printed from the query's progress.
 */
public final class LoginWindows implements TutorialCase {
    @Override
    public String name() {
        return "login-windows";
    }

    @Override
    public String description() {
        return "Activity 7: Case 8 with 15-minute windows and a watermark; later logins clean the state";
    }

    @Override
    public List<String> requiredFormats() {
        return List.of("jdbc");
    }

    /** Rounds of logins: two windows' worth, then logins that move the watermark, then a late one. */
    static List<List<String>> rounds() {
        return List.of(
                List.of(TutorialData.login("1", "2022-05-17 12:00:00"), TutorialData.login("1", "2022-05-17 12:05:00"),
                        TutorialData.login("2", "2022-05-17 12:10:00")),
                List.of(TutorialData.login("3", "2022-05-17 12:20:00"), TutorialData.login("1", "2022-05-17 12:40:00")),
                List.of(TutorialData.login("2", "2022-05-17 12:05:00"), TutorialData.login("4", "2022-05-17 13:10:00")));
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        KafkaTopics kafka = context.kafka();
        String usuariosk = kafka.freshTopic("usuariosk");
        KafkaJoinMariaDb.createUsuarios(context);
        SluiceSession spark = Sluice.builder()
                .master("local[3]")
                .appName("s8a Kafka join MariaDB ventanas")
                .config("spark.sql.shuffle.partitions", 2)
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        Dataset<Row> joinDF = KafkaJoinMariaDb.joinDF(
                KafkaJoinMariaDb.loginDF(spark, kafka.bootstrapServers(), usuariosk),
                KafkaJoinMariaDb.jdbcDF(spark, context));
        Dataset<Row> ventanaDF = joinDF
                .withWatermark("login_time", "15 minutes")
                .groupBy(window(col("login_time"), "15 minutes"), col("id"), col("nombre"))
                .agg(count("login_time").alias("logins"), max("login_time").alias("ultimoLogin"))
                .select("window.start", "window.end", "id", "nombre", "logins", "ultimoLogin");
        long late = 0;
        for (List<String> round : rounds()) {
            out.println("producing to " + usuariosk + ": " + round);
            kafka.produce(usuariosk, round);
            // The query runs again from its checkpoint once the round is in Kafka, so the round is one batch
            // (then the no-data batch its watermark calls for) whenever each record becomes visible: a query
            // left running could split a round over two batches and number them differently from run to run.
            StreamingQuery queryWriter = ventanaDF.writeStream()
                    .format("console")
                    .outputMode("append")
                    .option("truncate", "false")
                    .option("checkpointLocation", context.folder("ventanas/chk-point-dir").toString())
                    .start();
            queryWriter.processAllAvailable();
            late += printState(out, queryWriter, late);
            queryWriter.stop();
        }
    }

    /**
     * Prints the watermark and the aggregation's state after the last batch; returns the late logins this run
     * dropped ({@code before}: those dropped by earlier runs).
     */
    private static long printState(PrintStream out, StreamingQuery query, long before) {
        StreamingQueryProgress last = query.lastProgress();
        long late = 0;
        for (StreamingQueryProgress p : query.recentProgress()) {
            for (StateOperatorProgress op : p.stateOperators()) {
                late += op.numRowsDroppedByWatermark();
            }
        }
        StateOperatorProgress op = last.stateOperators()[0];
        out.println("  watermark " + last.eventTime().get("watermark") + ", windows in state: " + op.numRowsTotal()
                + ", late logins dropped so far: " + (before + late));
        return late;
    }
}
