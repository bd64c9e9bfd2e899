package dev.sluice.connectors.file;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.to_timestamp;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.TestRows;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.expressions.Window;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code session.read()} and {@code dataset.write()} over the file formats, end to end. */
class BatchApiTest {
    private static SluiceSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void session() {
        spark = TestRows.session();
    }

    private static Dataset<Row> people() {
        StructType schema = new StructType().add("name", DataTypes.StringType).add("age", DataTypes.IntegerType)
                .add("city", DataTypes.StringType);
        return spark.createDataFrame(List.of(RowFactory.create("Ana", 31, "Pune"), RowFactory.create("Bo", 25, "a/b:c"),
                RowFactory.create("Cy", 40, null), RowFactory.create("Di", 25, "Pune")), schema);
    }

    private static List<String> sorted(Dataset<Row> data) {
        return data.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** The tutorial's Case 7: windowed sums written as Parquet, read back in batch, cumulative sums. */
    @Test
    void bolsaWindowsWrittenAsParquetThenCumulativeSums() {
        StructType schema = new StructType().add("CreatedTime", DataTypes.StringType).add("Type", DataTypes.StringType)
                .add("Amount", DataTypes.IntegerType).add("BrokerCode", DataTypes.StringType);
        Dataset<Row> raw = spark.createDataFrame(List.of(
                RowFactory.create("2022-05-09 10:05:00", "BUY", 500, "AME"),
                RowFactory.create("2022-05-09 10:12:00", "BUY", 300, "AME"),
                RowFactory.create("2022-05-09 10:20:00", "BUY", 800, "AME"),
                RowFactory.create("2022-05-09 10:40:00", "BUY", 900, "AME"),
                RowFactory.create("2022-05-09 10:25:00", "SELL", 400, "AME"),
                RowFactory.create("2022-05-09 10:48:00", "SELL", 600, "AME"),
                RowFactory.create("2022-05-09 10:50:00", "SELL", 100, "AME")), schema);
        Dataset<Row> windowed = raw.withColumn("CreatedTime", to_timestamp(col("CreatedTime"), "yyyy-MM-dd HH:mm:ss"))
                .withColumn("Compras", expr("case when Type == 'BUY' then Amount else 0 end"))
                .withColumn("Ventas", expr("case when Type == 'SELL' then Amount else 0 end"))
                .groupBy(window(col("CreatedTime"), "15 minutes"))
                .agg(sum("Compras").alias("Compras"), sum("Ventas").alias("Ventas"))
                .select("window.start", "window.end", "Compras", "Ventas");
        String salida = dir.resolve("salida").toString();
        windowed.write().format("parquet").mode("append").save(salida);

        Dataset<Row> rawBolsa = spark.read().format("parquet").option("path", salida).load();
        assertThat(rawBolsa.schema().treeString()).isEqualTo("""
                root
                 |-- start: timestamp (nullable = true)
                 |-- end: timestamp (nullable = true)
                 |-- Compras: long (nullable = true)
                 |-- Ventas: long (nullable = true)
                """);
        var total = Window.orderBy("end").rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> result = rawBolsa.withColumn("Compras", sum("Compras").over(total))
                .withColumn("Ventas", sum("Ventas").over(total))
                .withColumn("Neto", expr("Compras - Ventas"));
        assertThat(result.showString(20, 0, false)).isEqualTo("""
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

    @Test
    void partitionedWriteUsesSparksDirectoriesAndReadDiscoversTypedPartitionColumns() throws IOException {
        Path out = dir.resolve("people");
        people().write().partitionBy("age", "city").json(out.toString());
        assertThat(Files.exists(out.resolve("_SUCCESS"))).isTrue();
        assertThat(Files.isDirectory(out.resolve("age=25/city=a%2Fb%3Ac"))).isTrue();
        assertThat(Files.isDirectory(out.resolve("age=40/city=__HIVE_DEFAULT_PARTITION__"))).isTrue();
        try (Stream<Path> files = Files.list(out.resolve("age=31/city=Pune"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .singleElement().asString().matches("part-00000-[0-9a-f-]{36}-c000\\.json");
        }
        Dataset<Row> back = spark.read().json(out.toString());
        assertThat(back.schema().simpleString()).isEqualTo("struct<name:string,age:int,city:string>");
        assertThat(sorted(back)).containsExactly("[Ana,31,Pune]", "[Bo,25,a/b:c]", "[Cy,40,null]", "[Di,25,Pune]");
        assertThat(sorted(spark.read().schema("name STRING, age BIGINT").json(out.toString())))
                .containsExactly("[Ana,31,Pune]", "[Bo,25,a/b:c]", "[Cy,40,null]", "[Di,25,Pune]");
        assertThat(spark.read().schema("name STRING, age BIGINT").json(out.toString()).schema().apply("age").dataType())
                .isEqualTo(DataTypes.LongType);
    }

    @Test
    void maxRecordsPerFileSplitsOutputFiles() throws IOException {
        Path out = dir.resolve("split");
        spark.range(10).write().option("maxRecordsPerFile", 4).parquet(out.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted()
                    .map(n -> n.substring(n.length() - 20))).containsExactly(
                    "-c000.snappy.parquet", "-c001.snappy.parquet", "-c002.snappy.parquet");
        }
        assertThat(spark.read().parquet(out.toString()).count()).isEqualTo(10);
    }

    @Test
    void saveModes() {
        String out = dir.resolve("modes").toString();
        people().write().format("csv").option("header", true).save(out);
        assertThatThrownBy(() -> people().write().format("csv").save(out))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[PATH_ALREADY_EXISTS] Path file:" + out + " already exists. Set mode as \"overwrite\" to"
                        + " overwrite the existing path. SQLSTATE: 42K04");
        people().limit(1).write().format("csv").mode("ignore").save(out);
        assertThat(spark.read().option("header", "true").csv(out).count()).isEqualTo(4);
        people().limit(1).write().format("csv").mode("append").option("header", true).save(out);
        assertThat(spark.read().option("header", "true").csv(out).count()).isEqualTo(5);
        people().limit(2).write().mode("overwrite").option("header", true).csv(out);
        assertThat(sorted(spark.read().option("header", "true").option("inferSchema", "true").csv(out)))
                .containsExactly("[Ana,31,Pune]", "[Bo,25,a/b:c]");
        assertThatThrownBy(() -> people().write().mode("sometimes"))
                .isInstanceOf(SluiceException.class).hasMessageStartingWith("[INVALID_SAVE_MODE]");
        assertThatThrownBy(() -> people().write().partitionBy("nope").json(dir.resolve("x").toString()))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("`nope`");
    }

    @Test
    void textRoundTripAndOptionsMap() {
        String out = dir.resolve("text").toString();
        people().select("name").write().text(out);
        Dataset<Row> lines = spark.read().options(Map.of("lineSep", "\n")).text(out);
        assertThat(lines.columns()).containsExactly("value");
        assertThat(sorted(lines)).containsExactly("[Ana]", "[Bo]", "[Cy]", "[Di]");
        assertThatThrownBy(() -> people().write().text(dir.resolve("t2").toString()))
                .hasMessage("Text data source supports only a single column, and you have 3 columns.");
    }

    @Test
    void listsGlobsRecursiveLookupAndFilters() throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("2024/01"));
        Files.createDirectories(in.resolve("2024/02"));
        Files.writeString(in.resolve("2024/01/a.json"), "{\"v\":1}\n");
        Files.writeString(in.resolve("2024/02/b.json"), "{\"v\":2}\n");
        Files.writeString(in.resolve("2024/02/notes.txt"), "{\"v\":99}\n");
        Files.writeString(in.resolve("2024/02/.hidden.json"), "{\"v\":98}\n");
        Files.writeString(in.resolve("2024/02/_temporary.json"), "{\"v\":97}\n");
        assertThat(sorted(spark.read().json(in.resolve("2024/*/*.json").toString()))).containsExactly("[1]", "[2]");
        assertThat(sorted(spark.read().json(in.resolve("2024/0[2]").toString()))).containsExactly("[2]", "[99]");
        assertThat(sorted(spark.read().option("recursiveFileLookup", "true").option("pathGlobFilter", "*.json")
                .json(in.toString()))).containsExactly("[1]", "[2]");
        assertThat(sorted(spark.read().json(in.resolve("2024/01/a.json").toString(), in.resolve("2024/02/b.json").toString())))
                .containsExactly("[1]", "[2]");
    }

    @Test
    void readerHonoursTheSinkLogOfADirectory() throws IOException {
        Path out = dir.resolve("sink");
        StructType schema = StructType.fromDDL("v BIGINT");
        new FileSinkWriter(FileAccess.path(out), new dev.sluice.connectors.json.JsonFormat(), FormatOptions.empty(), List.of())
                .addBatch(0, schema, List.of(TestRows.chunk(schema, TestRows.row(1L))));
        Files.writeString(out.resolve("part-00000-uncommitted-c000.json"), "{\"v\":2}\n");
        assertThat(sorted(spark.read().json(out.toString()))).containsExactly("[1]");
        // Listing a file directly bypasses the log, as in Spark.
        assertThat(sorted(spark.read().json(out.resolve("part-00000-uncommitted-c000.json").toString()))).containsExactly("[2]");
    }

    @Test
    void errorsNameThePathOrFormat() throws IOException {
        assertThatThrownBy(() -> spark.read().json(dir.resolve("missing").toString()))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[PATH_NOT_FOUND] Path does not exist: file:" + dir.resolve("missing") + ". SQLSTATE: 42K03");
        assertThatThrownBy(() -> spark.read().format("avro").load(dir.toString()))
                .hasMessageStartingWith("[DATA_SOURCE_NOT_FOUND] Failed to find the data source: avro.");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> spark.read().parquet(dir.resolve("empty").toString()))
                .hasMessage("[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for Parquet. It must be specified manually."
                        + " SQLSTATE: 42KD9");
        assertThat(spark.read().schema("a INT").parquet(dir.resolve("empty").toString()).count()).isZero();
    }

    @Test
    void csvWithHeaderAndInferredSchemaThroughTheApi() throws IOException {
        Files.writeString(dir.resolve("p.csv"), "name,age,joined\nAna,31,2022-05-09 10:00:00\nBo,,2022-05-10 11:30:00\n");
        Dataset<Row> csv = spark.read().option("header", "true").option("inferSchema", "true").csv(dir.resolve("p.csv").toString());
        assertThat(csv.schema().simpleString()).isEqualTo("struct<name:string,age:int,joined:timestamp>");
        assertThat(csv.showString(20, 20, false)).isEqualTo("""
                +----+----+-------------------+
                |name| age|             joined|
                +----+----+-------------------+
                | Ana|  31|2022-05-09 10:00:00|
                |  Bo|NULL|2022-05-10 11:30:00|
                +----+----+-------------------+
                """);
    }
}
