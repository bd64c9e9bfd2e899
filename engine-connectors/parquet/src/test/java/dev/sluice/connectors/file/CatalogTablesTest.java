package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.catalog.Table;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tables of the session catalog: {@code saveAsTable} and its modes, {@code table}/{@code read().table}/SQL
 * {@code FROM}, {@code spark.catalog()}, {@code readStream().table} and {@code writeStream().toTable}, and what a new
 * session sees (Spark's in-memory catalog: the folders stay, the names do not).
 */
class CatalogTablesTest extends FileStreamTestSupport {
    private static final StructType PEOPLE = StructType.fromDDL("id INT, name STRING");
    private Path warehouse;

    @BeforeEach
    void useWarehouse() {
        // a new session per test: the catalog lives as long as its session, as Spark's in-memory one
        spark.stop();
        warehouse = dir.resolve("warehouse");
        spark = Sluice.builder().appName("catalog-tests").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").config("spark.sql.warehouse.dir", warehouse.toString())
                .getOrCreate();
        spark.conf().set("spark.sql.streaming.schemaInference", "false");
    }

    @AfterEach
    void stopSession() {
        spark.stop();
    }

    private Dataset<Row> people(Object... idAndName) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < idAndName.length; i += 2) {
            rows.add(RowFactory.create(idAndName[i], idAndName[i + 1]));
        }
        return spark.createDataFrame(rows, PEOPLE);
    }

    private static List<String> rows(Dataset<Row> df) {
        return df.collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void saveAsTableWritesParquetIntoTheWarehouseAndEveryReadPathSeesIt() throws Exception {
        people(1, "Ann", 2, "Bob", 3, "Cid").write().saveAsTable("people");

        assertThat(filesUnder(warehouse.resolve("people"))).isNotEmpty()
                .allMatch(f -> f.endsWith(".parquet") || f.startsWith("_") || f.startsWith("."));
        assertThat(rows(spark.table("people").orderBy("id"))).containsExactly("[1,Ann]", "[2,Bob]", "[3,Cid]");
        assertThat(rows(spark.read().table("default.people").orderBy("id"))).hasSize(3);
        assertThat(rows(spark.table("spark_catalog.default.PEOPLE").orderBy("id"))).hasSize(3);
        assertThat(rows(spark.sql("SELECT id, name FROM people WHERE id > 1 ORDER BY id")))
                .containsExactly("[2,Bob]", "[3,Cid]");
        assertThat(rows(spark.sql("SELECT p.name FROM default.people p WHERE p.id = ?", 1))).containsExactly("[Ann]");

        people(9, "Zed").createOrReplaceTempView("visitors");
        assertThat(spark.catalog().tableExists("people")).isTrue();
        assertThat(spark.catalog().tableExists("visitors")).isTrue();
        assertThat(spark.catalog().tableExists("nope")).isFalse();
        List<Table> tables = spark.catalog().listTables().collectAsList();
        assertThat(tables).extracting(Table::name).containsExactly("people", "visitors");
        assertThat(tables.get(0).tableType()).isEqualTo("MANAGED");
        assertThat(tables.get(0).database()).isEqualTo("default");
        assertThat(tables.get(1).isTemporary()).isTrue();
        assertThat(spark.catalog().dropTempView("visitors")).isTrue();
        assertThat(spark.catalog().dropTempView("visitors")).isFalse();
    }

    @Test
    void saveModesOnAnExistingTable() {
        people(1, "Ann", 2, "Bob").write().saveAsTable("t");
        assertThatThrownBy(() -> people(3, "Cid").write().saveAsTable("t"))
                .isInstanceOfSatisfying(AnalysisException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("TABLE_OR_VIEW_ALREADY_EXISTS");
                    assertThat(e.getSqlState()).isEqualTo("42P07");
                    assertThat(e.getMessage()).contains("Cannot create table or view `spark_catalog`.`default`.`t`"
                            + " because it already exists.");
                });
        people(3, "Cid").write().mode(SaveMode.Ignore).saveAsTable("t");
        assertThat(spark.table("t").count()).isEqualTo(2);
        // append matches the table's columns by name, whatever the order of the new rows' columns
        people(3, "Cid").select("name", "id").write().mode("append").saveAsTable("t");
        assertThat(rows(spark.table("t").orderBy("id"))).containsExactly("[1,Ann]", "[2,Bob]", "[3,Cid]");
        people(7, "Eve").write().mode(SaveMode.Overwrite).saveAsTable("t");
        assertThat(rows(spark.table("t"))).containsExactly("[7,Eve]");
    }

    @Test
    void theWritersFormatAndTheDefaultSourceChooseTheTablesFormat() throws Exception {
        people(1, "Ann").write().format("json").saveAsTable("j");
        assertThat(filesUnder(warehouse.resolve("j"))).anyMatch(f -> f.endsWith(".json"));
        spark.conf().set("spark.sql.sources.default", "csv");
        people(2, "Bob").write().saveAsTable("c");
        assertThat(filesUnder(warehouse.resolve("c"))).anyMatch(f -> f.endsWith(".csv"));
        assertThat(rows(spark.table("c"))).containsExactly("[2,Bob]");
        // an append keeps the table's own format
        people(3, "Cid").write().mode("append").saveAsTable("j");
        assertThat(rows(spark.table("j").orderBy("id"))).containsExactly("[1,Ann]", "[3,Cid]");
    }

    @Test
    void aNewSessionDoesNotKnowTheTablesButTheirFoldersStay() {
        people(1, "Ann").write().saveAsTable("kept");
        spark.stop();
        spark = Sluice.builder().master("local[1]").config("spark.sql.warehouse.dir", warehouse.toString())
                .getOrCreate();
        assertThatThrownBy(() -> spark.table("kept")).isInstanceOfSatisfying(AnalysisException.class,
                e -> assertThat(e.getCondition()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND"));
        assertThatThrownBy(() -> people(2, "Bob").write().saveAsTable("kept"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("LOCATION_ALREADY_EXISTS");
                    assertThat(e.getMessage()).contains("Cannot name the managed table as `spark_catalog`.`default`."
                            + "`kept`, as its associated location '" + warehouse.resolve("kept").toUri());
                });
        // the data is still readable by path
        assertThat(spark.read().parquet(warehouse.resolve("kept").toString()).count()).isEqualTo(1);
    }

    @Test
    void unknownNamesFailWithSparksErrors() {
        assertThatThrownBy(() -> spark.table("nope")).isInstanceOfSatisfying(AnalysisException.class, e -> {
            assertThat(e.getCondition()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
            assertThat(e.getMessage()).contains("The table or view `nope` cannot be found.");
        });
        assertThatThrownBy(() -> spark.sql("SELECT * FROM nope")).isInstanceOfSatisfying(AnalysisException.class,
                e -> assertThat(e.getCondition()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND"));
        assertThatThrownBy(() -> spark.table("other.t")).isInstanceOfSatisfying(AnalysisException.class,
                e -> assertThat(e.getCondition()).isEqualTo("SCHEMA_NOT_FOUND"));
    }

    @Test
    void toTableCreatesTheTableAndAppendsExactlyOnceAcrossARestart() throws Exception {
        Path in = dir.resolve("in");
        Path checkpoint = dir.resolve("chk");
        drop(in.resolve("a.json"), "{\"id\":1,\"name\":\"Ann\"}\n{\"id\":2,\"name\":\"Bob\"}\n", 1000);
        StreamingQuery q = spark.readStream().format("json").schema(PEOPLE).load(in.toString()).writeStream()
                .option("checkpointLocation", checkpoint.toString()).toTable("events");
        q.processAllAvailable();
        q.stop();
        assertThat(rows(spark.table("events").orderBy("id"))).containsExactly("[1,Ann]", "[2,Bob]");
        assertThat(Files.isDirectory(warehouse.resolve("events").resolve("_spark_metadata"))).isTrue();

        // a new session: the query resumes from its checkpoint into the folder its sink log is in
        spark.stop();
        spark = Sluice.builder().master("local[2]").config("spark.sql.warehouse.dir", warehouse.toString())
                .getOrCreate();
        drop(in.resolve("b.json"), "{\"id\":3,\"name\":\"Cid\"}\n", 2000);
        q = spark.readStream().format("json").schema(PEOPLE).load(in.toString()).writeStream()
                .option("checkpointLocation", checkpoint.toString()).toTable("events");
        q.processAllAvailable();
        q.stop();
        assertThat(rows(spark.table("events").orderBy("id"))).containsExactly("[1,Ann]", "[2,Bob]", "[3,Cid]");
    }

    @Test
    void readStreamTableStreamsATablesFilesAndAStreamingView() throws Exception {
        people(1, "Ann", 2, "Bob").write().saveAsTable("src");
        StreamingQuery q = spark.readStream().table("src").writeStream().format("memory").queryName("copy").start();
        q.processAllAvailable();
        assertThat(rows(spark.table("copy").orderBy("id"))).containsExactly("[1,Ann]", "[2,Bob]");
        people(3, "Cid").write().mode("append").saveAsTable("src");
        q.processAllAvailable();
        assertThat(rows(spark.table("copy").orderBy("id"))).containsExactly("[1,Ann]", "[2,Bob]", "[3,Cid]");
        q.stop();

        spark.readStream().table("src").createOrReplaceTempView("live");
        StreamingQuery v = spark.readStream().table("live").writeStream().format("memory").queryName("copy2").start();
        v.processAllAvailable();
        assertThat(spark.table("copy2").count()).isEqualTo(3);
        v.stop();
    }

    @Test
    void viewsAreNotStreamingTables() {
        people(1, "Ann").createOrReplaceTempView("batchView");
        assertThatThrownBy(() -> spark.readStream().table("batchView")).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("`batchView` is not a temp view of streaming logical plan");
        assertThatThrownBy(() -> spark.readStream().format("json").schema(PEOPLE).load(dir.toString()).writeStream()
                .toTable("batchView")).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("Temporary view batchView doesn't support streaming write");
        assertThatThrownBy(() -> spark.readStream().table("nope")).isInstanceOfSatisfying(AnalysisException.class,
                e -> assertThat(e.getCondition()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND"));
    }
}
