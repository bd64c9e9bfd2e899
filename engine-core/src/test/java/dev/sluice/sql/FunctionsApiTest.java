package dev.sluice.sql;

import static dev.sluice.sql.functions.array;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.concat;
import static dev.sluice.sql.functions.concat_ws;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.date_format;
import static dev.sluice.sql.functions.from_json;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.named_struct;
import static dev.sluice.sql.functions.struct;
import static dev.sluice.sql.functions.to_date;
import static dev.sluice.sql.functions.to_json;
import static dev.sluice.sql.functions.to_timestamp;
import static dev.sluice.sql.functions.unix_timestamp;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java {@code functions} surface as a Spark program uses it. */
class FunctionsApiTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    static Dataset<Row> events() {
        StructType schema = StructType.fromDDL("ts STRING, word STRING");
        return spark.createDataFrame(List.of(
                RowFactory.create("2022-05-09 12:02:00", "cat"),
                RowFactory.create("2022-05-09 12:07:00", "dog"),
                RowFactory.create("2022-05-09 12:11:00", "dog")), schema)
                .withColumn("ts", to_timestamp(col("ts"), "yyyy-MM-dd HH:mm:ss"));
    }

    private static List<String> strings(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    @Test
    void slidingWindowsAssignEachRowToEveryOverlappingWindow() {
        Dataset<Row> counts = events().groupBy(window(col("ts"), "10 minutes", "5 minutes"), col("word"))
                .count().select(col("window.start").cast("string"), col("word"), col("count"))
                .orderBy("start", "word");
        assertThat(strings(counts)).containsExactly(
                "[2022-05-09 11:55:00,cat,1]",
                "[2022-05-09 12:00:00,cat,1]",
                "[2022-05-09 12:00:00,dog,1]",
                "[2022-05-09 12:05:00,dog,2]",
                "[2022-05-09 12:10:00,dog,1]");
    }

    @Test
    void windowStartOffsetShiftsBoundaries() {
        Dataset<Row> out = events().groupBy(window(col("ts"), "10 minutes", "10 minutes", "3 minutes"))
                .agg(count(lit(1)).alias("n")).select(col("window.start").cast("string"), col("n")).orderBy("start");
        assertThat(strings(out)).containsExactly("[2022-05-09 11:53:00,1]", "[2022-05-09 12:03:00,2]");
    }

    @Test
    void windowColumnSchemaMatchesSpark() {
        Dataset<Row> grouped = events().groupBy(window(col("ts"), "5 minutes")).count();
        assertThat(grouped.schema().treeString()).isEqualTo("""
                root
                 |-- window: struct (nullable = false)
                 |    |-- start: timestamp (nullable = true)
                 |    |-- end: timestamp (nullable = true)
                 |-- count: long (nullable = false)
                """);
    }

    @Test
    void jsonRoundTripWithSchemaAndNamedStruct() {
        StructType schema = StructType.fromDDL("InvoiceNumber STRING, Items ARRAY<STRUCT<Code: STRING, Qty: BIGINT>>");
        Dataset<Row> raw = spark.createDataFrame(List.of(
                RowFactory.create("{\"InvoiceNumber\":\"51402977\",\"Items\":[{\"Code\":\"458\",\"Qty\":2}]}")),
                StructType.fromDDL("value STRING"));
        Dataset<Row> parsed = raw.select(from_json(col("value"), schema).alias("value")).select("value.*");
        assertThat(parsed.columns()).containsExactly("InvoiceNumber", "Items");
        assertThat(strings(parsed)).containsExactly("[51402977,[[458,2]]]");
        Dataset<Row> json = parsed.select(to_json(named_struct(lit("Invoice"), col("InvoiceNumber"),
                lit("Points"), lit(2.5))).alias("value"));
        assertThat(strings(json)).containsExactly("[{\"Invoice\":\"51402977\",\"Points\":2.5}]");
        assertThat(strings(parsed.select(to_json(struct(col("InvoiceNumber")))))).containsExactly("[{\"InvoiceNumber\":\"51402977\"}]");
    }

    @Test
    void dateFunctionsAndStringFunctions() {
        Row row = events().select(date_format(col("ts"), "HH:mm"), to_date(col("ts")).cast("string"),
                unix_timestamp(col("ts")), concat(col("word"), lit("!")), concat_ws("-", col("word"), lit("x")),
                col("word").contains("o"), array(lit(1), lit(2))).first();
        assertThat(row.toString()).isEqualTo("[12:02,2022-05-09,1652097720,cat!,cat-x,false,[1, 2]]");
    }

    @Test
    void sessionTimeZoneChangesDisplayNotInstants() {
        SluiceSession session = Sluice.builder().getOrCreate();
        try {
            session.conf().set("spark.sql.session.timeZone", "Europe/Madrid");
            Dataset<Row> ts = spark.range(1).select(to_timestamp(lit("2022-05-09 10:00:00")).alias("t"));
            // Parsed in Madrid time (UTC+2 in May), shown in Madrid time.
            assertThat(ts.showString(1, 20, false)).contains("|2022-05-09 10:00:00|");
            assertThat(ts.select(unix_timestamp(col("t"))).first().getLong(0)).isEqualTo(1652083200L);
        } finally {
            session.conf().set("spark.sql.session.timeZone", "UTC");
        }
    }
}
