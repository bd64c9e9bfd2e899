import org.apache.spark.sql.*;
import org.apache.spark.sql.types.*;
import org.apache.spark.sql.streaming.*;
import static org.apache.spark.sql.functions.*;
import java.util.*;
import java.nio.file.*;
public class Probe2 {
    static void show(String title, Dataset<Row> d) {
        System.out.println("=== " + title);
        for (Row r : d.collectAsList()) System.out.println(r);
    }
    static void schema(String title, Dataset<Row> d) {
        System.out.println("=== SCHEMA " + title);
        for (StructField f : d.schema().fields()) System.out.println(f.name() + " " + f.dataType().simpleString() + " nullable=" + f.nullable() + " md=" + f.metadata().json());
    }
    static void err(String title, Runnable r) {
        System.out.println("=== ERR " + title);
        try { r.run(); System.out.println("no error"); } catch (Throwable t) {
            String cond = t instanceof org.apache.spark.SparkThrowable st ? st.getCondition() + " / " + st.getSqlState() : "-";
            String m = t.getMessage(); int i = m.indexOf("\n"); 
            System.out.println(t.getClass().getName() + " | " + cond + " | " + (i > 0 ? m.substring(0, i) : m));
        }
    }
    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Metadata ma = new MetadataBuilder().putString("k", "v").build();
        StructType s = new StructType().add("a", DataTypes.IntegerType, true, ma).add("b", DataTypes.StringType).add("x", DataTypes.LongType, false);
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(1, "p", 10L)); rows.add(RowFactory.create(1, "q", 20L)); rows.add(RowFactory.create(2, "p", 30L)); rows.add(RowFactory.create(3, "r", 5L));
        Dataset<Row> df = spark.createDataFrame(rows, s);
        df.createOrReplaceTempView("t");
        schema("auto alias select", df.select(col("a").plus(1), col("a"), upper(col("b")), col("a").as("z")));
        schema("auto alias selectExpr", df.selectExpr("a + 1", "a", "a AS q"));
        schema("auto alias sql", spark.sql("SELECT a + 1, a, sum(x) OVER (PARTITION BY a), b FROM t"));
        schema("auto alias agg", df.agg(sum("x"), max(col("a")).as("m")));
        schema("auto alias sql agg", spark.sql("SELECT a, count(*), sum(x) FROM t GROUP BY a"));
        schema("withColumn expr", df.withColumn("c", col("a").plus(1)));
        schema("ds dedup orderBy", df.select("a").distinct().orderBy("b"));
        show("ds dedup orderBy", df.select("a").distinct().orderBy(col("b").desc()));
        // PIVOT
        show("pivot 1", spark.sql("SELECT * FROM t PIVOT (sum(x) FOR b IN ('p', 'q'))"));
        schema("pivot 1", spark.sql("SELECT * FROM t PIVOT (sum(x) FOR b IN ('p', 'q'))"));
        show("pivot 2 aggs alias", spark.sql("SELECT * FROM t PIVOT (sum(x) AS s, max(x) AS m FOR b IN ('p' AS pp, 'q'))"));
        schema("pivot 2 aggs alias", spark.sql("SELECT * FROM t PIVOT (sum(x) AS s, max(x) AS m FOR b IN ('p' AS pp, 'q'))"));
        schema("pivot 2 aggs no alias", spark.sql("SELECT * FROM t PIVOT (sum(x), max(x) FOR b IN ('p', 'q'))"));
        schema("pivot 1 agg alias", spark.sql("SELECT * FROM t PIVOT (sum(x) AS s FOR b IN ('p', 'q' AS qq))"));
        show("pivot multi col", spark.sql("SELECT * FROM t PIVOT (sum(x) FOR (a, b) IN ((1, 'p') AS one_p, (2, 'p'), (1, 'q')))"));
        schema("pivot multi col", spark.sql("SELECT * FROM t PIVOT (sum(x) FOR (a, b) IN ((1, 'p') AS one_p, (2, 'p'), (1, 'q')))"));
        show("pivot subquery", spark.sql("SELECT * FROM (SELECT b, x FROM t) PIVOT (count(x) AS c FOR b IN ('p', 'r'))"));
        show("pivot select cols", spark.sql("SELECT a, p FROM t PIVOT (sum(x) FOR b IN ('p', 'q')) ORDER BY a"));
        show("pivot where", spark.sql("SELECT * FROM t PIVOT (sum(x) FOR b IN ('p', 'q')) WHERE a > 1"));
        show("pivot int values", spark.sql("SELECT * FROM t PIVOT (sum(x) FOR a IN (1, 2, 4))"));
        schema("pivot int values", spark.sql("SELECT * FROM t PIVOT (sum(x) FOR a IN (1, 2, 4))"));
        schema("pivot expr agg", spark.sql("SELECT * FROM t PIVOT (sum(x) + 1 AS s FOR b IN ('p'))"));
        err("pivot non literal", () -> spark.sql("SELECT * FROM t PIVOT (sum(x) FOR b IN (a))").collectAsList());
        err("pivot type mismatch", () -> spark.sql("SELECT * FROM t PIVOT (sum(x) FOR a IN ('zz'))").collectAsList());
        err("pivot not agg", () -> spark.sql("SELECT * FROM t PIVOT (x FOR b IN ('p'))").collectAsList());
        err("pivot unknown col", () -> spark.sql("SELECT * FROM t PIVOT (sum(x) FOR nope IN ('p'))").collectAsList());
        err("pivot arity", () -> spark.sql("SELECT * FROM t PIVOT (sum(x) FOR (a, b) IN ((1)))").collectAsList());
        // sample with replacement, repartition
        StructType s2 = new StructType().add("i", DataTypes.IntegerType).add("s", DataTypes.StringType).add("bo", DataTypes.BooleanType).add("d", DataTypes.DateType).add("ts", DataTypes.TimestampType).add("l", DataTypes.LongType).add("db", DataTypes.DoubleType);
        List<Row> r2 = new ArrayList<>();
        for (int i = 0; i < 12; i++) r2.add(RowFactory.create(i % 5 == 4 ? null : i, i % 3 == 0 ? null : "s" + i, i % 2 == 0, java.sql.Date.valueOf("2024-01-" + (10 + i)), java.sql.Timestamp.valueOf("2024-01-01 00:00:" + (10 + i)), (long) i * 1000, i / 4.0));
        Dataset<Row> d2 = spark.createDataFrame(r2, s2);
        show("local sampleRep", d2.select("i").sample(true, 0.8, 7));
        show("local sampleRep 2.0", d2.select("i").sample(true, 2.0, 11));
        show("range sampleRep 4 parts", spark.range(0, 30, 1, 4).toDF().sample(true, 0.4, 5));
        show("local repart3", d2.repartition(3).select(col("i"), spark_partition_id()));
        show("local repart3 ints only", d2.select("i").repartition(3).select(col("i"), spark_partition_id()));
        show("local repart4 strings", d2.select("s").repartition(4).select(col("s"), spark_partition_id()));
        show("local repart2 bool date", d2.select("bo", "d").repartition(2).select(col("d"), spark_partition_id()));
        show("local repart3 ts long double", d2.select("ts", "l", "db").repartition(3).select(col("l"), spark_partition_id()));
        show("range 3parts repart4", spark.range(0, 20, 1, 3).repartition(4).select(col("id"), spark_partition_id()));
        // streaming rollup over files
        Path in = Files.createTempDirectory("stream-in");
        StructType ss = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType).add("x", DataTypes.LongType);
        Dataset<Row> st = spark.readStream().schema(ss).option("maxFilesPerTrigger", 1).json(in.toString());
        String[] batches = {"{\"a\":1,\"b\":\"p\",\"x\":10}\n{\"a\":1,\"b\":\"q\",\"x\":20}\n", "{\"a\":2,\"b\":\"p\",\"x\":30}\n{\"a\":1,\"b\":\"p\",\"x\":1}\n", "{\"a\":3,\"b\":null,\"x\":5}\n"};
        for (String mode : new String[] {"complete", "update"}) {
            for (java.io.File f : in.toFile().listFiles()) f.delete();
            StreamingQuery q = st.rollup("a", "b").agg(sum("x"), count("*"), grouping_id()).writeStream().outputMode(mode).format("memory").queryName("r_" + mode).start();
            for (int i = 0; i < batches.length; i++) {
                Files.writeString(in.resolve("f" + i + ".json"), batches[i]);
                q.processAllAvailable();
                show("stream rollup " + mode + " batch " + i, spark.sql("SELECT * FROM r_" + mode + " ORDER BY a, b"));
                spark.sql("SELECT * FROM r_" + mode).count();
            }
            q.stop();
        }
        for (java.io.File f : in.toFile().listFiles()) f.delete();
        StreamingQuery qc = st.cube("b").agg(sum("x")).writeStream().outputMode("update").format("memory").queryName("c_u").start();
        for (int i = 0; i < batches.length; i++) { Files.writeString(in.resolve("g" + i + ".json"), batches[i]); qc.processAllAvailable(); }
        show("stream cube update all", spark.sql("SELECT * FROM c_u"));
        qc.stop();
        st.createOrReplaceTempView("st");
        for (java.io.File f : in.toFile().listFiles()) f.delete();
        StreamingQuery qs = spark.sql("SELECT a, b, sum(x) s, grouping(a) ga FROM st GROUP BY GROUPING SETS ((a), (b), ())").writeStream().outputMode("complete").format("memory").queryName("gs_c").start();
        for (int i = 0; i < batches.length; i++) { Files.writeString(in.resolve("h" + i + ".json"), batches[i]); qs.processAllAvailable(); }
        show("stream grouping sets complete final", spark.sql("SELECT * FROM gs_c ORDER BY ga, a, b"));
        qs.stop();
        err("stream rollup append no watermark", () -> { try { st.rollup("a").agg(sum("x")).writeStream().outputMode("append").format("memory").queryName("ap").start(); } catch (Exception e) { throw new RuntimeException(e); } });
        StructType se = new StructType().add("t", DataTypes.TimestampType).add("b", DataTypes.StringType).add("x", DataTypes.LongType);
        Path in2 = Files.createTempDirectory("stream-in2");
        Dataset<Row> ste = spark.readStream().schema(se).option("maxFilesPerTrigger", 1).json(in2.toString()).withWatermark("t", "10 seconds");
        String[] eb = {"{\"t\":\"2024-01-01T00:00:01Z\",\"b\":\"p\",\"x\":1}\n{\"t\":\"2024-01-01T00:00:03Z\",\"b\":\"q\",\"x\":2}\n", "{\"t\":\"2024-01-01T00:00:25Z\",\"b\":\"p\",\"x\":4}\n", "{\"t\":\"2024-01-01T00:00:50Z\",\"b\":\"q\",\"x\":8}\n"};
        err("stream rollup append window", () -> { try {
            StreamingQuery qa = ste.rollup(window(col("t"), "10 seconds"), col("b")).agg(sum("x")).writeStream().outputMode("append").format("memory").queryName("ap_w").start();
            for (int i = 0; i < eb.length; i++) { Files.writeString(in2.resolve("e" + i + ".json"), eb[i]); qa.processAllAvailable(); show("stream rollup append window batch " + i, spark.sql("SELECT window.start, b, `sum(x)` FROM ap_w ORDER BY 1, 2")); }
            qa.stop(); } catch (Exception e) { throw new RuntimeException(e); } });
        spark.stop();
    }
}
