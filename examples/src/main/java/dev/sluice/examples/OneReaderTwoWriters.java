package dev.sluice.examples;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Activity 3: Cases 3 and 4 in one program — one Kafka reader of {@code facturas}, two writers (line items to
 * JSON files, notifications to Kafka), each with its own checkpoint folder, and the main thread waiting in
 * {@code spark.streams().awaitAnyTermination()}. A feeder thread produces the invoices, waits until both
 * writers processed them and stops the notifications writer, which ends the wait.
 */
public final class OneReaderTwoWriters implements TutorialCase {
    @Override
    public String name() {
        return "one-reader-two-writers";
    }

    @Override
    public String description() {
        return "Activity 3: one Kafka reader, two writers (files + Kafka), awaitAnyTermination";
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        KafkaTopics kafka = context.kafka();
        String facturas = kafka.freshTopic("facturas");
        String notificaciones = kafka.freshTopic("notificaciones");
        SluiceSession spark = Sluice.builder().appName("Kafka Streaming dos writers").master("local[3]").getOrCreate();

        Dataset<Row> kafkaDF = KafkaToFiles.kafkaReader(spark, kafka.bootstrapServers(), facturas);
        Path salida = context.folder("dos-writers/salida");
        StreamingQuery facturaWriterQuery = KafkaToFiles.startFileWriter(KafkaToFiles.limpioDF(kafkaDF), salida,
                context.folder("dos-writers/chk-facturas"));
        StreamingQuery notificacionWriterQuery = KafkaNotifications.startKafkaWriter(
                KafkaNotifications.kafkaTargetDF(kafkaDF), kafka.bootstrapServers(), notificaciones,
                context.folder("dos-writers/chk-notificaciones"));
        out.println("two queries active: " + spark.streams().active().length);

        ExecutorService feeder = Executors.newSingleThreadExecutor(r -> new Thread(r, "examples-feeder"));
        try {
            Future<?> fed = feeder.submit(() -> {
                kafka.produce(facturas, KafkaNotifications.invoices());
                facturaWriterQuery.processAllAvailable();
                notificacionWriterQuery.processAllAvailable();
                context.followUntilStopped("producing 3 invoices", 2_000, round -> {
                    kafka.produce(facturas, TutorialData.invoices(100 + 3 * round, 3));
                    facturaWriterQuery.processAllAvailable();
                    notificacionWriterQuery.processAllAvailable();
                    out.println("fed 3 more invoices");
                });
                out.println("stopping the notifications writer");
                notificacionWriterQuery.stop();
                return null;
            });
            out.println("main thread: spark.streams().awaitAnyTermination()");
            spark.streams().awaitAnyTermination();
            fed.get();
        } finally {
            feeder.shutdownNow();
        }
        out.println("awaitAnyTermination returned; still active: " + spark.streams().active().length);
        facturaWriterQuery.stop();
        out.println("salida (Case 3 writer):");
        KafkaToFiles.printFiles(out, salida);
        KafkaNotifications.printTopic(out, kafka, notificaciones);
    }
}
