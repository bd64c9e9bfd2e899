package dev.sluice.examples;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.initcap;
import static dev.sluice.sql.functions.max;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Activity 4: bizums ({@code Nombre;Cantidad;Concepto}, CSV) arrive as files in a watched folder, in place
 * of the activity's {@code Bizums.py} simulator; the highest bizum of each person is shown in complete mode
 * on the console. Names differing only in capitalisation are the same person: they are grouped by
 * {@code initcap(Nombre)}.
 */
public final class Bizums implements TutorialCase {
    @Override
    public String name() {
        return "bizums";
    }

    @Override
    public String description() {
        return "Activity 4: bizum CSV files -> highest bizum per person (case-insensitive names), complete mode";
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        Path entrada = context.folder("bizums/entrada");
        SluiceSession spark = Sluice.builder()
                .appName("Bizums")
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", 3)
                .getOrCreate();

        Dataset<Row> bizumsDF = spark.readStream()
                .format("csv")
                .option("sep", ";")
                .schema("Nombre STRING, Cantidad INT, Concepto STRING")
                .option("maxFilesPerTrigger", 1)
                .load(entrada.toString());
        Dataset<Row> maximoDF = bizumsDF
                .withColumn("Nombre", initcap(col("Nombre")))
                .groupBy("Nombre")
                .agg(max("Cantidad").alias("Maximo"))
                .orderBy("Nombre");
        StreamingQuery bizumQuery = maximoDF.writeStream()
                .format("console")
                .outputMode("complete")
                .option("checkpointLocation", context.folder("bizums/chk-point-dir").toString())
                .start();

        List<List<String>> rounds = TutorialData.bizumRounds();
        for (int i = 0; i < rounds.size(); i++) {
            sendRound(context, entrada, i, rounds.get(i));
            bizumQuery.processAllAvailable();
        }
        context.followUntilStopped("sending 3 bizums", 2_000, round -> {
            sendRound(context, entrada, rounds.size() + round, TutorialData.bizumRound(rounds.size() + round));
            bizumQuery.processAllAvailable();
        });
        bizumQuery.stop();
    }

    private static void sendRound(ExampleContext context, Path entrada, int round, List<String> lines)
            throws Exception {
        context.out().println("bizums-" + (round + 1) + ".csv: " + String.join(" | ", lines));
        ExampleContext.dropFile(entrada, "bizums-" + (round + 1) + ".csv", String.join("\n", lines) + "\n");
    }
}
