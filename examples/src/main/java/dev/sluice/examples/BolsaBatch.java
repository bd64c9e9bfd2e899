package dev.sluice.examples;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.to_timestamp;
import static dev.sluice.sql.functions.window;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.expressions.Window;
import dev.sluice.sql.expressions.WindowSpec;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.PrintStream;
import java.util.List;

/**
 * Cases 6 and 7 ("Bolsa"), batch part: stock events → Compras/Ventas columns → 15-minute windowed sums →
 * cumulative sums with a window function ordered by the window end. The streaming parts arrive with the
 * file source and sink.
 */
public final class BolsaBatch implements TutorialCase {
    @Override
    public String name() {
        return "bolsa-batch";
    }

    @Override
    public String description() {
        return "Cases 6-7 (batch): Bolsa events, 15-minute window sums and cumulative totals";
    }

    /** The tutorial's seven events, as the JSON file of Case 6 holds them. */
    static List<Row> events() {
        return List.of(
                RowFactory.create("2022-05-09 10:05:00", "BUY", 500, "AME"),
                RowFactory.create("2022-05-09 10:12:00", "BUY", 300, "AME"),
                RowFactory.create("2022-05-09 10:20:00", "BUY", 800, "AME"),
                RowFactory.create("2022-05-09 10:40:00", "BUY", 900, "AME"),
                RowFactory.create("2022-05-09 10:25:00", "SELL", 400, "AME"),
                RowFactory.create("2022-05-09 10:48:00", "SELL", 600, "AME"),
                RowFactory.create("2022-05-09 10:50:00", "SELL", 100, "AME"));
    }

    @Override
    public void run(ExampleContext context) {
        PrintStream out = context.out();
        SluiceSession spark = Sluice.builder()
                .appName("Bolsa Streaming s8a")
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", 3)
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();

        StructType bolsaSchema = new StructType(new StructField[] {
                DataTypes.createStructField("CreatedTime", DataTypes.StringType, true),
                DataTypes.createStructField("Type", DataTypes.StringType, true),
                DataTypes.createStructField("Amount", DataTypes.IntegerType, true),
                DataTypes.createStructField("BrokerCode", DataTypes.StringType, true)});
        Dataset<Row> rawDF = spark.createDataFrame(events(), bolsaSchema);
        rawDF.printSchema();

        Dataset<Row> accionesDF = rawDF
                .withColumn("CreatedTime", to_timestamp(col("CreatedTime"), "yyyy-MM-dd HH:mm:ss"))
                .withColumn("Compras", expr("case when Type == 'BUY' then Amount else 0 end"))
                .withColumn("Ventas", expr("case when Type == 'SELL' then Amount else 0 end"));
        accionesDF.printSchema();
        accionesDF.show();

        Dataset<Row> windowDF = accionesDF
                .groupBy(window(col("CreatedTime"), "15 minutes"))
                .agg(sum("Compras").alias("Compras"), sum("Ventas").alias("Ventas"));
        Dataset<Row> salidaDF = windowDF.select("window.start", "window.end", "Compras", "Ventas");
        salidaDF.orderBy("start").show();

        WindowSpec ventanaTotal = Window.orderBy("end")
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> acumuladoDF = salidaDF
                .withColumn("Compras", sum("Compras").over(ventanaTotal))
                .withColumn("Ventas", sum("Ventas").over(ventanaTotal))
                .withColumn("Neto", expr("Compras - Ventas"));
        acumuladoDF.show(false);
    }
}
