package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.split;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.to_timestamp;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.expressions.Window;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's Case 5 (word counts in tumbling 2-minute and sliding 2-minute/1-minute windows, complete
 * mode) and the streaming parts of Cases 6 and 7 (Bolsa: 15-minute windowed sums in complete mode; with a
 * 30-minute watermark in append mode, then a running total in batch). The socket source's arrival
 * timestamps of Case 5 are given explicitly through a MemoryStream, at the minutes the tutorial shows.
 */
class TutorialWindowingTest extends StatefulTestSupport {
    private static final StructType TIMED_LINES = new StructType().add("value", DataTypes.StringType)
            .add("timestamp", DataTypes.TimestampType);
    private static final StructType BOLSA = new StructType().add("CreatedTime", DataTypes.StringType)
            .add("Type", DataTypes.StringType).add("Amount", DataTypes.IntegerType)
            .add("BrokerCode", DataTypes.StringType);

    private static Row line(String text, String time) {
        return RowFactory.create(text, Timestamp.from(Instant.parse("2022-05-05T" + time + "Z")));
    }

    private Dataset<Row> words(MemoryStream input) {
        Dataset<Row> lines = input.toDF();
        return lines.select(explode(split(col("value"), " ")).alias("palabra"), col("timestamp"));
    }

    /** The whole result table after the batch, as "17:32-17:34 Hola 2" sorted. */
    private List<String> table(String name) {
        List<String> out = new ArrayList<>();
        spark.table(name).collectAsList().forEach(r -> out.add(describe(r)));
        Collections.sort(out);
        return out;
    }

    @Test
    void case5TumblingWindowsCountWordsPerTwoMinutes() throws Exception {
        MemoryStream input = MemoryStream.of(spark, TIMED_LINES);
        Dataset<Row> counts = words(input).groupBy(window(col("timestamp"), "2 minutes"), col("palabra")).count()
                .orderBy("window");
        StreamingQuery q = counts.writeStream().format("memory").queryName("case5_tumbling").outputMode("complete")
                .start();
        input.addData(line("Hola Mundo", "17:32:10"));
        q.processAllAvailable();
        assertThat(table("case5_tumbling")).containsExactly("17:32-17:34 Hola 1", "17:32-17:34 Mundo 1");
        input.addData(line("Hola desde el Severo", "17:33:20"));
        q.processAllAvailable();
        assertThat(table("case5_tumbling")).containsExactly("17:32-17:34 Hola 2", "17:32-17:34 Mundo 1",
                "17:32-17:34 Severo 1", "17:32-17:34 desde 1", "17:32-17:34 el 1");
        input.addData(line("Severo Ochoa y el Mundo", "17:34:30"));
        q.processAllAvailable();
        assertThat(table("case5_tumbling")).containsExactly("17:32-17:34 Hola 2", "17:32-17:34 Mundo 1",
                "17:32-17:34 Severo 1", "17:32-17:34 desde 1", "17:32-17:34 el 1",
                "17:34-17:36 Mundo 1", "17:34-17:36 Ochoa 1", "17:34-17:36 Severo 1", "17:34-17:36 el 1",
                "17:34-17:36 y 1");
    }

    @Test
    void case5SlidingWindowsCountEachWordInTheTwoWindowsCoveringIt() throws Exception {
        MemoryStream input = MemoryStream.of(spark, TIMED_LINES);
        Dataset<Row> counts = words(input).groupBy(window(col("timestamp"), "2 minutes", "1 minute"), col("palabra"))
                .count().orderBy("window");
        StreamingQuery q = counts.writeStream().format("memory").queryName("case5_sliding").outputMode("complete")
                .start();
        input.addData(line("Hola Mundo", "17:57:05"));
        q.processAllAvailable();
        assertThat(table("case5_sliding")).containsExactly("17:56-17:58 Hola 1", "17:56-17:58 Mundo 1",
                "17:57-17:59 Hola 1", "17:57-17:59 Mundo 1");
        input.addData(line("Severo Ochoa", "17:57:10"));
        q.processAllAvailable();
        input.addData(line("Hola Mundo desde el Severo Ochoa", "17:57:30"));
        q.processAllAvailable();
        assertThat(table("case5_sliding")).containsExactly("17:56-17:58 Hola 2", "17:56-17:58 Mundo 2",
                "17:56-17:58 Ochoa 2", "17:56-17:58 Severo 2", "17:56-17:58 desde 1", "17:56-17:58 el 1",
                "17:57-17:59 Hola 2", "17:57-17:59 Mundo 2", "17:57-17:59 Ochoa 2", "17:57-17:59 Severo 2",
                "17:57-17:59 desde 1", "17:57-17:59 el 1");
        input.addData(line("Segunda ventana", "17:58:10"));
        q.processAllAvailable();
        input.addData(line("Segunda ventana Ochoa", "17:58:40"));
        q.processAllAvailable();
        // the tutorial's batch 5: Segunda and ventana twice in 17:57-17:59 and 17:58-18:00, Ochoa once more
        assertThat(table("case5_sliding")).containsExactly("17:56-17:58 Hola 2", "17:56-17:58 Mundo 2",
                "17:56-17:58 Ochoa 2", "17:56-17:58 Severo 2", "17:56-17:58 desde 1", "17:56-17:58 el 1",
                "17:57-17:59 Hola 2", "17:57-17:59 Mundo 2", "17:57-17:59 Ochoa 3", "17:57-17:59 Segunda 2",
                "17:57-17:59 Severo 2", "17:57-17:59 desde 1", "17:57-17:59 el 1", "17:57-17:59 ventana 2",
                "17:58-18:00 Ochoa 1", "17:58-18:00 Segunda 2", "17:58-18:00 ventana 2");
    }

    private static List<Row> bolsaEvents() {
        return List.of(
                RowFactory.create("2022-05-09 10:05:00", "BUY", 500, "AME"),
                RowFactory.create("2022-05-09 10:12:00", "BUY", 300, "AME"),
                RowFactory.create("2022-05-09 10:20:00", "BUY", 800, "AME"),
                RowFactory.create("2022-05-09 10:40:00", "BUY", 900, "AME"),
                RowFactory.create("2022-05-09 10:25:00", "SELL", 400, "AME"),
                RowFactory.create("2022-05-09 10:48:00", "SELL", 600, "AME"),
                RowFactory.create("2022-05-09 10:50:00", "SELL", 100, "AME"));
    }

    private Dataset<Row> acciones(MemoryStream input) {
        return input.toDF().withColumn("CreatedTime", to_timestamp(col("CreatedTime"), "yyyy-MM-dd HH:mm:ss"))
                .withColumn("Compras", expr("case when Type == 'BUY' then Amount else 0 end"))
                .withColumn("Ventas", expr("case when Type == 'SELL' then Amount else 0 end"));
    }

    private static Dataset<Row> windowSums(Dataset<Row> acciones) {
        return acciones.groupBy(window(col("CreatedTime"), "15 minutes"))
                .agg(sum("Compras").alias("Compras"), sum("Ventas").alias("Ventas"))
                .select("window.start", "window.end", "Compras", "Ventas");
    }

    private static List<String> bolsaRows(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(hhmm(r.get(0)) + "-" + hhmm(r.get(1)) + " " + r.get(2) + " " + r.get(3)
                    + (r.size() > 4 ? " " + r.get(4) : ""));
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void case6WindowedSumsInCompleteMode() throws Exception {
        MemoryStream input = MemoryStream.of(spark, BOLSA);
        StreamingQuery q = windowSums(acciones(input)).writeStream().format("memory").queryName("bolsa_complete")
                .outputMode("complete").start();
        input.addData(bolsaEvents());
        q.processAllAvailable();
        assertThat(bolsaRows(spark.table("bolsa_complete").collectAsList())).containsExactly(
                "10:00-10:15 800 0", "10:15-10:30 800 400", "10:30-10:45 900 0", "10:45-11:00 0 700");
    }

    @Test
    void case7AppendModeWritesEachWindowOnceTheThirtyMinuteWatermarkPassesIt() throws Exception {
        MemoryStream input = MemoryStream.of(spark, BOLSA);
        Dataset<Row> watermarked = acciones(input).withWatermark("CreatedTime", "30 minutes");
        StreamingQuery q = windowSums(watermarked).writeStream().format("memory").queryName("bolsa_append")
                .outputMode("append").start();
        input.addData(bolsaEvents());
        q.processAllAvailable();
        // max event time 10:50 -> watermark 10:20: the no-data batch 1 emits 10:00-10:15 (ends 10:15 <= 10:20)
        assertThat(bolsaRows(spark.table("bolsa_append").collectAsList())).containsExactly("10:00-10:15 800 0");
        // "a new file with an event beyond the watermark": 11:40 moves it to 11:10, closing every earlier window
        input.addData(RowFactory.create("2022-05-09 11:40:00", "BUY", 100, "AME"));
        q.processAllAvailable();
        List<Row> written = spark.table("bolsa_append").collectAsList();
        assertThat(bolsaRows(written)).containsExactly(
                "10:00-10:15 800 0", "10:15-10:30 800 400", "10:30-10:45 900 0", "10:45-11:00 0 700");

        // the batch part of Case 7: running totals over the windows written in append mode
        var total = Window.orderBy("end").rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> running = spark.table("bolsa_append")
                .withColumn("Compras", sum("Compras").over(total))
                .withColumn("Ventas", sum("Ventas").over(total))
                .withColumn("Neto", expr("Compras - Ventas"));
        // Spark's running totals ordered by end; the tutorial prints 1600 1100 500 for 10:30-10:45, which no
        // ordering of these four windows gives (800 + 800 + 900 = 2500 bought by 10:45, 400 sold)
        assertThat(bolsaRows(running.collectAsList())).containsExactly("10:00-10:15 800 0 800",
                "10:15-10:30 1600 400 1200", "10:30-10:45 2500 400 2100", "10:45-11:00 2500 1100 1400");
    }
}
