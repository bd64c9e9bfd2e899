package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.to_timestamp;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.expressions.Window;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batch paths of the tutorial's Cases 6 and 7 (Bolsa), with the numbers Spark computes. */
class BolsaBatchTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().appName("Bolsa").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", 3).getOrCreate();
    }

    static Dataset<Row> raw() {
        StructType schema = new StructType()
                .add("CreatedTime", DataTypes.StringType)
                .add("Type", DataTypes.StringType)
                .add("Amount", DataTypes.IntegerType)
                .add("BrokerCode", DataTypes.StringType);
        return spark.createDataFrame(List.of(
                RowFactory.create("2022-05-09 10:05:00", "BUY", 500, "AME"),
                RowFactory.create("2022-05-09 10:12:00", "BUY", 300, "AME"),
                RowFactory.create("2022-05-09 10:20:00", "BUY", 800, "AME"),
                RowFactory.create("2022-05-09 10:40:00", "BUY", 900, "AME"),
                RowFactory.create("2022-05-09 10:25:00", "SELL", 400, "AME"),
                RowFactory.create("2022-05-09 10:48:00", "SELL", 600, "AME"),
                RowFactory.create("2022-05-09 10:50:00", "SELL", 100, "AME")), schema);
    }

    static Dataset<Row> acciones() {
        return raw().withColumn("CreatedTime", to_timestamp(col("CreatedTime"), "yyyy-MM-dd HH:mm:ss"))
                .withColumn("Compras", expr("case when Type == 'BUY' then Amount else 0 end"))
                .withColumn("Ventas", expr("case when Type == 'SELL' then Amount else 0 end"));
    }

    @Test
    void accionesSchemaAndTable() {
        Dataset<Row> acciones = acciones();
        assertThat(acciones.schema().treeString()).isEqualTo("""
                root
                 |-- CreatedTime: timestamp (nullable = true)
                 |-- Type: string (nullable = true)
                 |-- Amount: integer (nullable = true)
                 |-- BrokerCode: string (nullable = true)
                 |-- Compras: integer (nullable = true)
                 |-- Ventas: integer (nullable = true)
                """);
        assertThat(acciones.showString(20, 20, false)).isEqualTo("""
                +-------------------+----+------+----------+-------+------+
                |        CreatedTime|Type|Amount|BrokerCode|Compras|Ventas|
                +-------------------+----+------+----------+-------+------+
                |2022-05-09 10:05:00| BUY|   500|       AME|    500|     0|
                |2022-05-09 10:12:00| BUY|   300|       AME|    300|     0|
                |2022-05-09 10:20:00| BUY|   800|       AME|    800|     0|
                |2022-05-09 10:40:00| BUY|   900|       AME|    900|     0|
                |2022-05-09 10:25:00|SELL|   400|       AME|      0|   400|
                |2022-05-09 10:48:00|SELL|   600|       AME|      0|   600|
                |2022-05-09 10:50:00|SELL|   100|       AME|      0|   100|
                +-------------------+----+------+----------+-------+------+
                """);
    }

    static Dataset<Row> windowed() {
        return acciones().groupBy(window(col("CreatedTime"), "15 minutes"))
                .agg(sum("Compras").alias("Compras"), sum("Ventas").alias("Ventas"))
                .select("window.start", "window.end", "Compras", "Ventas");
    }

    @Test
    void tumblingWindowSums() {
        assertThat(windowed().orderBy("start").showString(20, 20, false)).isEqualTo("""
                +-------------------+-------------------+-------+------+
                |              start|                end|Compras|Ventas|
                +-------------------+-------------------+-------+------+
                |2022-05-09 10:00:00|2022-05-09 10:15:00|    800|     0|
                |2022-05-09 10:15:00|2022-05-09 10:30:00|    800|   400|
                |2022-05-09 10:30:00|2022-05-09 10:45:00|    900|     0|
                |2022-05-09 10:45:00|2022-05-09 11:00:00|      0|   700|
                +-------------------+-------------------+-------+------+
                """);
    }

    @Test
    void cumulativeSumsOverWindowOrderedByEnd() {
        var total = Window.orderBy("end").rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> salida = windowed()
                .withColumn("Compras", sum("Compras").over(total))
                .withColumn("Ventas", sum("Ventas").over(total))
                .withColumn("Neto", expr("Compras - Ventas"));
        // Computed, not copied from the tutorial (its last table is misprinted).
        assertThat(salida.showString(20, 0, false)).isEqualTo("""
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
