package dev.sluice.examples;

import static dev.sluice.sql.functions.expr;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.streaming.Trigger;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Case 2 ("Facturas") with activity 2: invoice files (JSON Lines, one or more line items per invoice) dropped
 * into the watched folder {@code entrada} over time; one file per micro-batch ({@code maxFilesPerTrigger}),
 * processed files deleted ({@code cleanSource=delete}, as activity 2 asks); every line item becomes one JSON document in
 * {@code salida}. Ends with the plan ({@code explain()}) and the recent and last progress.
 */
public final class InvoiceFiles implements TutorialCase {
    @Override
    public String name() {
        return "invoice-files";
    }

    @Override
    public String description() {
        return "Case 2 + activity 2: invoice files -> explode(InvoiceLineItems) -> JSON files (maxFilesPerTrigger,"
                + " cleanSource delete)";
    }

    /** The columns of Cases 2 and 3 after the explode: the line item's fields lifted to the top level. */
    static Dataset<Row> limpio(Dataset<Row> explodeDF) {
        return explodeDF
                .withColumn("ItemCode", expr("LineItem.ItemCode"))
                .withColumn("ItemDescription", expr("LineItem.ItemDescription"))
                .withColumn("ItemPrice", expr("LineItem.ItemPrice"))
                .withColumn("ItemQty", expr("LineItem.ItemQty"))
                .withColumn("TotalValue", expr("LineItem.TotalValue"))
                .drop("LineItem");
    }

    /** The files the case drops, in order: the tutorial's invoice first, then generated ones. */
    static List<List<String>> invoiceFiles() {
        return List.of(TutorialData.invoices(0, 5), TutorialData.invoices(5, 5), TutorialData.invoices(10, 3));
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        Path entrada = context.folder("facturas/entrada");
        Path salida = context.folder("facturas/salida");
        List<List<String>> files = invoiceFiles();
        // Schema inference needs a file in the folder before load(), as in the tutorial.
        ExampleContext.dropFile(entrada, "facturas-1.json", TutorialData.jsonLines(files.get(0)));
        out.println("dropped facturas-1.json (" + files.get(0).size() + " invoices) into entrada");

        SluiceSession spark = Sluice.builder()
                .appName("Streaming de Ficheros")
                .master("local[2]")
                .config("spark.streaming.stopGracefullyOnShutdown", "true")
                .config("spark.sql.shuffle.partitions", 3)
                .config("spark.sql.streaming.schemaInference", "true")
                .getOrCreate();

        Dataset<Row> rawDF = spark.readStream()
                .format("json")
                .option("path", entrada.toString())
                .option("maxFilesPerTrigger", 1)
                // activity 2: "configura el reader para que tras cargar cada archivo, lo elimine"
                .option("cleanSource", "delete")
                .load();
        rawDF.printSchema();

        Dataset<Row> explodeDF = rawDF.selectExpr("InvoiceNumber", "CreatedTime", "StoreID", "PosID",
                "CustomerType", "PaymentMethod", "DeliveryType", "explode(InvoiceLineItems) as LineItem");
        Dataset<Row> limpioDF = limpio(explodeDF);
        limpioDF.printSchema();

        out.println("writing line items to salida, one trigger per second (the tutorial's is one minute)");
        StreamingQuery facturaWriterQuery = limpioDF.writeStream()
                .format("json")
                .queryName("Facturas Writer")
                .outputMode("append")
                .option("path", salida.toString())
                .option("checkpointLocation", context.folder("facturas/chk-point-dir").toString())
                .trigger(Trigger.ProcessingTime("1 second"))
                .start();
        facturaWriterQuery.processAllAvailable();
        report(spark, out, salida);

        for (int i = 1; i < files.size(); i++) {
            String name = "facturas-" + (i + 1) + ".json";
            ExampleContext.dropFile(entrada, name, TutorialData.jsonLines(files.get(i)));
            out.println("dropped " + name + " (" + files.get(i).size() + " invoices) into entrada");
            facturaWriterQuery.processAllAvailable();
            report(spark, out, salida);
        }
        context.followUntilStopped("dropping an invoice file", 2_000, round -> {
            String name = "facturas-" + (files.size() + round + 1) + ".json";
            ExampleContext.dropFile(entrada, name, TutorialData.jsonLines(TutorialData.invoices(100 + 5 * round, 5)));
            out.println("dropped " + name + " into entrada");
            facturaWriterQuery.processAllAvailable();
            report(spark, out, salida);
        });

        out.println("the tutorial's invoice 51402977 in salida:");
        try (var paths = Files.list(salida)) {
            for (Path file : paths.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Files.readAllLines(file).stream().filter(line -> line.contains("\"51402977\"")).forEach(out::println);
            }
        }
        out.println("facturaWriterQuery.explain():");
        facturaWriterQuery.explain();
        out.println("facturaWriterQuery.recentProgress:");
        for (StreamingQueryProgress p : facturaWriterQuery.recentProgress()) {
            out.println(p.prettyJson());
        }
        out.println("facturaWriterQuery.lastProgress:");
        out.println(facturaWriterQuery.lastProgress().prettyJson());
        facturaWriterQuery.stop();
    }

    private static void report(SluiceSession spark, PrintStream out, Path salida) throws Exception {
        // Only salida: when cleanSource deletes a processed file differs between engines (Spark deletes a batch's
        // files when the next batch starts, in the background; Sluice when the batch commits).
        out.println("  salida: " + spark.read().json(salida.toString()).count() + " line items");
    }
}
