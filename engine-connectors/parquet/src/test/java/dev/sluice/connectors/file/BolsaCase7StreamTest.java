package dev.sluice.connectors.file;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.to_timestamp;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.expressions.Window;
import dev.sluice.sql.expressions.WindowSpec;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.StructType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Tutorial Case 7 (Bolsa II) end to end: JSON files → 30-minute watermark → 15-minute window sums → Parquet in
 * append mode (a window is written once the watermark passes its end) → batch read → cumulative sums.
 */
class BolsaCase7StreamTest extends FileStreamTestSupport {
    private static final StructType BOLSA = StructType.fromDDL(
            "CreatedTime STRING, Type STRING, Amount INT, BrokerCode STRING");

    private static final String EVENTS = String.join("\n",
            "{\"CreatedTime\": \"2022-05-09 10:05:00\", \"Type\": \"BUY\", \"Amount\": 500, \"BrokerCode\": \"AME\"}",
            "{\"CreatedTime\": \"2022-05-09 10:12:00\", \"Type\": \"BUY\", \"Amount\": 300, \"BrokerCode\": \"AME\"}",
            "{\"CreatedTime\": \"2022-05-09 10:20:00\", \"Type\": \"BUY\", \"Amount\": 800, \"BrokerCode\": \"AME\"}",
            "{\"CreatedTime\": \"2022-05-09 10:40:00\", \"Type\": \"BUY\", \"Amount\": 900, \"BrokerCode\": \"AME\"}",
            "{\"CreatedTime\": \"2022-05-09 10:25:00\", \"Type\": \"SELL\", \"Amount\": 400, \"BrokerCode\": \"AME\"}",
            "{\"CreatedTime\": \"2022-05-09 10:48:00\", \"Type\": \"SELL\", \"Amount\": 600, \"BrokerCode\": \"AME\"}",
            "{\"CreatedTime\": \"2022-05-09 10:50:00\", \"Type\": \"SELL\", \"Amount\": 100, \"BrokerCode\": \"AME\"}");

    @Test
    void windowsReachParquetOnceTheWatermarkPassesThemAndCumulativeSumsFollow() throws Exception {
        Path entrada = dir.resolve("entrada");
        Path salida = dir.resolve("salida");
        drop(entrada.resolve("bolsa1.json"), EVENTS, 0);

        Dataset<Row> rawDF = spark.readStream().format("json").option("path", entrada.toString())
                .option("maxFilesPerTrigger", 1).schema(BOLSA).load();
        Dataset<Row> accionesDF = rawDF
                .withColumn("CreatedTime", to_timestamp(col("CreatedTime"), "yyyy-MM-dd HH:mm:ss"))
                .withColumn("Compras", expr("case when Type == 'BUY' then Amount else 0 end"))
                .withColumn("Ventas", expr("case when Type == 'SELL' then Amount else 0 end"));
        Dataset<Row> windowDF = accionesDF
                .withWatermark("CreatedTime", "30 minutes")
                .groupBy(window(col("CreatedTime"), "15 minutes"))
                .agg(sum("Compras").alias("Compras"), sum("Ventas").alias("Ventas"));
        Dataset<Row> salidaDF = windowDF.select("window.start", "window.end", "Compras", "Ventas");
        StreamingQuery bolsaWriterQuery = salidaDF.writeStream()
                .format("parquet")
                .queryName("BolsaWQuery")
                .outputMode("append")
                .option("path", salida.toString())
                .option("checkpointLocation", dir.resolve("chk-point-dir").toString())
                .start();
        bolsaWriterQuery.processAllAvailable();
        // Watermark 10:50 - 30 min = 10:20: only the window ending 10:15 is final.
        assertThat(column(spark.read().parquet(salida.toString()).collectAsList(), "Compras")).containsExactly("800");

        // An event at 11:40 moves the watermark to 11:10: every window of the first file is now final.
        drop(entrada.resolve("bolsa2.json"), "{\"CreatedTime\": \"2022-05-09 11:40:00\", \"Type\": \"BUY\","
                + " \"Amount\": 10, \"BrokerCode\": \"AME\"}", 1000);
        bolsaWriterQuery.processAllAvailable();
        bolsaWriterQuery.stop();

        Dataset<Row> rawBolsaDF = spark.read().format("parquet").option("path", salida.toString()).load();
        assertThat(rawBolsaDF.count()).isEqualTo(4);
        WindowSpec ventanaTotal = Window.orderBy("end").rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> acumulado = rawBolsaDF
                .withColumn("Compras", sum("Compras").over(ventanaTotal))
                .withColumn("Ventas", sum("Ventas").over(ventanaTotal))
                .withColumn("Neto", expr("Compras - Ventas"));
        assertThat(acumulado.showString(20, 0, false)).isEqualTo("""
                +-------------------+-------------------+-------+------+----+
                |start              |end                |Compras|Ventas|Neto|
                +-------------------+-------------------+-------+------+----+
                |2022-05-09 10:00:00|2022-05-09 10:15:00|800    |0     |800 |
                |2022-05-09 10:15:00|2022-05-09 10:30:00|1600   |400   |1200|
                |2022-05-09 10:30:00|2022-05-09 10:45:00|2500   |400   |2100|
                |2022-05-09 10:45:00|2022-05-09 11:00:00|2500   |1100  |1400|
                +-------------------+-------------------+-------+------+----+
                """);
    }
}
