package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.TutorialInvoices;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** File source to file sink queries: the tutorial's Case 2, restarts, a crash before the commit, the sink's rules. */
class FileStreamSinkTest extends FileStreamTestSupport {
    private static final StructType PEOPLE = StructType.fromDDL("id INT, name STRING");

    private StreamingQuery jsonToJson(Path in, Path out, Path checkpoint) throws Exception {
        return spark.readStream().format("json").schema(PEOPLE).load(in.toString())
                .writeStream().format("json").option("path", out.toString())
                .option("checkpointLocation", checkpoint.toString()).start();
    }

    private List<String> names(Path out) {
        return column(spark.read().json(out.toString()).orderBy("id").collectAsList(), "name");
    }

    @Test
    void tutorialCase2InvoiceFilesBecomeOneJsonDocumentPerLineItem() throws Exception {
        Path in = dir.resolve("entrada");
        Path out = dir.resolve("salida");
        Path archive = dir.resolve("procesados");
        drop(in.resolve("invoices-1.json"), TutorialInvoices.jsonLines(10, 1), 1000);
        drop(in.resolve("invoices-2.json"), TutorialInvoices.jsonLines(20, 2), 2000);
        spark.conf().set("spark.sql.streaming.schemaInference", "true");

        Dataset<Row> raw = spark.readStream().format("json").option("path", in.toString())
                .option("maxFilesPerTrigger", 1).option("cleanSource", "archive")
                .option("sourceArchiveDir", archive.toString()).load();
        Dataset<Row> exploded = raw.selectExpr("InvoiceNumber", "CreatedTime", "StoreID", "PosID", "CustomerType",
                "PaymentMethod", "DeliveryType", "DeliveryAddress.City", "DeliveryAddress.State",
                "DeliveryAddress.PinCode", "explode(InvoiceLineItems) as LineItem");
        Dataset<Row> flat = exploded
                .withColumn("ItemCode", exploded.col("LineItem.ItemCode"))
                .withColumn("ItemDescription", exploded.col("LineItem.ItemDescription"))
                .withColumn("ItemPrice", exploded.col("LineItem.ItemPrice"))
                .withColumn("ItemQty", exploded.col("LineItem.ItemQty"))
                .withColumn("TotalValue", exploded.col("LineItem.TotalValue"))
                .drop("LineItem");
        StreamingQuery query = flat.writeStream().format("json").queryName("Facturas")
                .option("path", out.toString()).option("checkpointLocation", dir.resolve("chk").toString())
                .outputMode("append").start();
        query.processAllAvailable();

        drop(in.resolve("2020/07/invoices-3.json"), TutorialInvoices.jsonLines(5, 3), 3000);
        query.processAllAvailable();
        query.stop();

        // the expected rows: the same transformation as a batch over the original documents
        Path copy = dir.resolve("copia");
        Files.createDirectories(copy);
        Files.writeString(copy.resolve("all.json"), TutorialInvoices.jsonLines(10, 1) + TutorialInvoices.jsonLines(20, 2)
                + TutorialInvoices.jsonLines(5, 3));
        long lineItems = spark.read().json(copy.toString()).selectExpr("explode(InvoiceLineItems)").count();

        Dataset<Row> written = spark.read().json(out.toString());
        assertThat(written.count()).isEqualTo(lineItems);
        assertThat(written.filter("InvoiceNumber = '51402977'").count()).isEqualTo(4 * 3); // first invoice of each file
        assertThat(written.filter("ItemDescription = 'Wine glass' AND ItemCode = '458' AND ItemQty = 2").count())
                .isEqualTo(3);
        assertThat(written.filter("City is not null").count()).isPositive();
        assertThat(written.schema().fieldNames()).contains("InvoiceNumber", "City", "ItemCode", "TotalValue")
                .doesNotContain("LineItem", "InvoiceLineItems");

        // one file per trigger, each once, then archived with its path relative to the watched folder
        assertThat(filesUnder(dir.resolve("chk/sources/0"))).containsExactly("0", "1", "2");
        assertThat(Files.readString(dir.resolve("chk/sources/0/0"))).contains("invoices-1.json").doesNotContain("invoices-2");
        assertThat(filesUnder(out.resolve("_spark_metadata"))).containsExactly("0", "1", "2");
        assertThat(filesUnder(in)).isEmpty();
        assertThat(filesUnder(archive)).containsExactly("2020/07/invoices-3.json", "invoices-1.json", "invoices-2.json");
        assertThat(Files.readString(archive.resolve("invoices-2.json"))).isEqualTo(TutorialInvoices.jsonLines(20, 2));
    }

    @Test
    void aRestartedQueryReadsOnlyTheFilesThatArrivedWhileItWasStopped() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Path checkpoint = dir.resolve("cp");
        drop(in.resolve("a.json"), "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n", 1000);
        StreamingQuery first = jsonToJson(in, out, checkpoint);
        first.processAllAvailable();
        first.stop();
        assertThat(names(out)).containsExactly("a", "b");

        drop(in.resolve("c.json"), "{\"id\":3,\"name\":\"c\"}\n", 500); // older than a.json: still new
        drop(in.resolve("d.json"), "{\"id\":4,\"name\":\"d\"}\n", 2000);
        StreamingQuery second = jsonToJson(in, out, checkpoint);
        second.processAllAvailable();
        second.stop();
        assertThat(names(out)).containsExactly("a", "b", "c", "d");
        assertThat(second.lastProgress().batchId()).isEqualTo(1);
        assertThat(Files.readString(checkpoint.resolve("sources/0/1"))).contains("c.json", "d.json")
                .doesNotContain("a.json");
        assertThat(Files.readString(checkpoint.resolve("offsets/1"))).contains("{\"logOffset\":1}");
    }

    @Test
    void aCrashBetweenTheSinkWriteAndTheCommitLeavesEachRowVisibleOnce() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Path checkpoint = dir.resolve("cp");
        drop(in.resolve("a.json"), "{\"id\":1,\"name\":\"a\"}\n", 1000);
        StreamingQuery first = jsonToJson(in, out, checkpoint);
        first.processAllAvailable();
        StreamingTestHooks.set(spark, new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                if (batchId == 1) {
                    throw new IllegalStateException("killed after the sink wrote batch 1");
                }
            }
        });
        first.stop();
        StreamingQuery crashing = jsonToJson(in, out, checkpoint);
        drop(in.resolve("b.json"), "{\"id\":2,\"name\":\"b\"}\n", 2000);
        assertThatThrownBy(crashing::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("killed after the sink wrote batch 1");
        assertThat(checkpoint.resolve("commits/1")).doesNotExist();
        assertThat(out.resolve("_spark_metadata/1")).exists();
        String sourceBatch = Files.readString(checkpoint.resolve("sources/0/1"));

        StreamingTestHooks.set(spark, BatchHooks.NONE);
        drop(in.resolve("c.json"), "{\"id\":3,\"name\":\"c\"}\n", 3000);
        StreamingQuery restarted = jsonToJson(in, out, checkpoint);
        restarted.processAllAvailable();
        assertThat(checkpoint.resolve("commits/1")).exists();
        assertThat(Files.readString(checkpoint.resolve("sources/0/1"))).isEqualTo(sourceBatch); // same files for batch 1
        assertThat(names(out)).containsExactly("a", "b", "c");
        long jsonFiles = filesUnder(out).stream().filter(f -> f.endsWith(".json")).count();
        assertThat(jsonFiles).isEqualTo(3); // the replay of batch 1 wrote nothing
    }

    @Test
    void partitionByWritesColumnFoldersReadBackAsColumns() throws Exception {
        MemoryStream input = MemoryStream.of(spark, StructType.fromDDL("city STRING, amount INT"));
        Path out = dir.resolve("out");
        StreamingQuery q = input.toDF().writeStream().format("parquet").partitionBy("city")
                .option("path", out.toString()).option("checkpointLocation", dir.resolve("cp").toString()).start();
        input.addData(RowFactory.create("Pune", 1));
        input.addData(RowFactory.create("Mumbai", 2));
        q.processAllAvailable();
        input.addData(RowFactory.create("Pune", 3));
        q.processAllAvailable();
        assertThat(filesUnder(out).stream().filter(f -> f.endsWith(".parquet")).map(f -> f.substring(0, f.indexOf('/'))))
                .containsOnly("city=Mumbai", "city=Pune");
        List<Row> rows = spark.read().parquet(out.toString()).orderBy("amount").collectAsList();
        assertThat(column(rows, "city")).containsExactly("Pune", "Mumbai", "Pune");
        assertThat(column(rows, "amount")).containsExactly("1", "2", "3");
    }

    @Test
    void csvAndTextSinksWriteEachBatchThroughTheLog() throws Exception {
        MemoryStream input = MemoryStream.of(spark, StructType.fromDDL("value STRING"));
        Path text = dir.resolve("text");
        Path csv = dir.resolve("csv");
        StreamingQuery t = input.toDF().writeStream().format("text").option("checkpointLocation", dir.resolve("cp1").toString())
                .start(text.toString());
        StreamingQuery c = input.toDF().writeStream().format("csv").option("header", "true")
                .option("checkpointLocation", dir.resolve("cp2").toString()).start(csv.toString());
        input.addValues("x");
        input.addValues("y");
        t.processAllAvailable();
        c.processAllAvailable();
        assertThat(column(spark.read().text(text.toString()).orderBy("value").collectAsList(), "value"))
                .containsExactly("x", "y");
        assertThat(column(spark.read().option("header", "true").csv(csv.toString()).orderBy("value").collectAsList(),
                "value")).containsExactly("x", "y");
    }

    @Test
    void onlyAppendModeWithAPathAndACheckpointIsSupported() {
        MemoryStream input = MemoryStream.of(spark, PEOPLE);
        assertThatThrownBy(() -> input.toDF().writeStream().format("json").outputMode("update")
                .option("checkpointLocation", dir.resolve("cp").toString()).start(dir.resolve("out").toString()))
                .isInstanceOf(AnalysisException.class).hasMessage("Data source json does not support Update output mode");
        assertThatThrownBy(() -> input.toDF().writeStream().format("parquet").start())
                .hasMessageContaining("'path' is not specified")
                .hasFieldOrPropertyWithValue("condition", "_LEGACY_ERROR_TEMP_2047");
        assertThatThrownBy(() -> input.toDF().writeStream().format("json").start(dir.resolve("out").toString()))
                .isInstanceOf(AnalysisException.class).hasMessageStartingWith("checkpointLocation must be specified");
    }

    @Test
    void aBatchReplayedAfterACrashIsArchivedOnceItCommits() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Path archive = dir.resolve("archive");
        Path checkpoint = dir.resolve("cp");
        drop(in.resolve("a.json"), "{\"id\":1,\"name\":\"a\"}\n", 1000);
        StreamingTestHooks.set(spark, new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                throw new IllegalStateException("killed before the commit of batch " + batchId);
            }
        });
        StreamingQuery crashing = spark.readStream().format("json").schema(PEOPLE).option("cleanSource", "archive")
                .option("sourceArchiveDir", archive.toString()).load(in.toString())
                .writeStream().format("json").option("checkpointLocation", checkpoint.toString()).start(out.toString());
        assertThatThrownBy(crashing::processAllAvailable).isInstanceOf(StreamingQueryException.class);
        assertThat(filesUnder(in)).containsExactly("a.json"); // not committed: not archived
        StreamingTestHooks.set(spark, BatchHooks.NONE);

        StreamingQuery restarted = spark.readStream().format("json").schema(PEOPLE).option("cleanSource", "archive")
                .option("sourceArchiveDir", archive.toString()).load(in.toString())
                .writeStream().format("json").option("checkpointLocation", checkpoint.toString()).start(out.toString());
        restarted.processAllAvailable();
        assertThat(filesUnder(in)).isEmpty();
        assertThat(filesUnder(archive)).containsExactly("a.json");
        assertThat(names(out)).containsExactly("a");
    }

    @Test
    void progressPrintsTheFileSourcesLatestOffsetAsNullAndTheFileSinksRowsAsMinusOne() throws Exception {
        // Spark 4.1: FileStreamSource supports admission control without overriding reportLatestOffset, so
        // progress prints "latestOffset" : null; FileStreamSink is a V1 sink, so "numOutputRows" : -1.
        Path in = dir.resolve("in-progress");
        drop(in.resolve("a.json"), "{\"id\":1,\"name\":\"ana\"}\n", 1000);
        StreamingQuery query = jsonToJson(in, dir.resolve("out-progress"), dir.resolve("chk-progress"));
        query.processAllAvailable();
        String pretty = query.lastProgress().prettyJson();
        assertThat(pretty).contains("\"endOffset\" : {\n      \"logOffset\" : 0\n    },\n    \"latestOffset\" : null,");
        // Spark's FileStreamSource[qualifiedBasePath]: the path with its scheme.
        assertThat(pretty).contains("\"description\" : \"FileStreamSource[file:" + in.toAbsolutePath() + "]\"");
        assertThat(pretty).containsPattern("\"sink\" : \\{\n    \"description\" : \"FileSink\\[[^\n]*\",\n"
                + "    \"numOutputRows\" : -1\n");
        query.stop();
    }
}
