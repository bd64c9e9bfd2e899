import org.apache.spark.sql.*;
import org.apache.spark.sql.types.*;
import static org.apache.spark.sql.functions.*;
import java.util.*;
public class Probe1 {
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
            System.out.println(t.getClass().getName() + " | " + cond + " | " + t.getMessage());
        }
    }
    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Metadata ma = new MetadataBuilder().putString("k", "v").putLong("n", 1).build();
        Metadata mb = new MetadataBuilder().putString("kb", "vb").build();
        Metadata m2 = new MetadataBuilder().putBoolean("z", true).build();
        StructType s = new StructType().add("a", DataTypes.IntegerType, true, ma).add("b", DataTypes.StringType, true, mb).add("x", DataTypes.LongType, false);
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(1, "p", 10L)); rows.add(RowFactory.create(1, "q", 20L)); rows.add(RowFactory.create(2, "p", 30L)); rows.add(RowFactory.create(3, "r", 5L));
        Dataset<Row> df = spark.createDataFrame(rows, s);
        df.createOrReplaceTempView("t");
        schema("df", df);
        System.out.println("=== JSON df"); System.out.println(df.schema().json());
        System.out.println("=== PRETTY df"); System.out.println(df.schema().prettyJson());
        schema("select a, a as aa, a+1 as c, cast(a as long) ca, a.as(y,m2), a.name(w)", df.select(col("a"), col("a").as("aa"), col("a").plus(1).as("c"), col("a").cast("long").as("ca"), col("a").as("y", m2), col("a").name("w"), col("b").as("bm", m2)));
        schema("filter", df.filter(col("x").gt(1)));
        schema("withColumn", df.withColumn("c", col("a")).withColumn("d", col("a").plus(1)).withColumn("b", upper(col("b"))));
        schema("withColumnRenamed", df.withColumnRenamed("a", "a2"));
        schema("drop", df.drop("b"));
        schema("withMetadata", df.withMetadata("x", m2).withMetadata("a", m2));
        schema("groupBy a count", df.groupBy("a").count());
        schema("groupBy a.as(g) sum", df.groupBy(col("a").as("g")).agg(sum("x"), max("a")));
        Dataset<Row> plain = spark.createDataFrame(rows, new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType).add("x", DataTypes.LongType, false));
        schema("union df plain", df.union(plain));
        schema("union plain df", plain.union(df));
        schema("unionByName plain df", plain.unionByName(df));
        schema("join", df.join(plain.select(col("a").as("pa"), col("b").as("pb")), col("a").equalTo(col("pa"))));
        schema("join using", df.join(plain.select(col("a"), col("b").as("pb")), "a"));
        schema("sql", spark.sql("SELECT a, a AS aa, b, a + 1 AS c, t.x FROM t WHERE x > 1"));
        schema("sql group", spark.sql("SELECT a, sum(x) s FROM t GROUP BY a"));
        schema("distinct", df.distinct());
        schema("orderBy", df.orderBy("a"));
        schema("select struct field", df.select(struct(col("a"), col("b")).as("s")));
        System.out.println("=== JSON struct"); System.out.println(df.select(struct(col("a"), col("b")).as("s")).schema().json());
        schema("rollup", df.rollup("a", "b").agg(grouping("a"), grouping_id(), sum("x")));
        schema("cube", df.cube("a").agg(grouping("a"), grouping_id("a"), sum("x"), count("*")));
        schema("sql rollup", spark.sql("SELECT a, b, grouping(a), grouping_id(), sum(x), avg(x) FROM t GROUP BY ROLLUP(a, b)"));
        schema("sql grouping sets", spark.sql("SELECT a, b, grouping(b) g, sum(x) FROM t GROUP BY GROUPING SETS ((a), (a, b))"));
        System.out.println("=== JSON types"); System.out.println(spark.sql("SELECT array(1) ar, map('a', 1.5D) m, cast(1 as decimal(10,2)) d, current_timestamp() ts, cast(null as timestamp_ntz) ntz, date'2020-01-01' dt, X'01' bin, cast(1 as byte) by, cast(1 as short) sh, 1.5f f, interval '1' day i1, interval '1-2' year to month i2, null n, true bo").schema().json());
        // ORDER BY not selected
        show("sql order by b", spark.sql("SELECT a FROM t ORDER BY b, x"));
        show("sql order by alias and b", spark.sql("SELECT a AS z FROM t ORDER BY b DESC, x"));
        show("sql order by t.x", spark.sql("SELECT a FROM t ORDER BY t.x DESC"));
        show("sql agg order by grouping not selected", spark.sql("SELECT sum(x) FROM t GROUP BY a, b ORDER BY b, a"));
        show("sql agg order by agg not selected", spark.sql("SELECT a FROM t GROUP BY a ORDER BY sum(x)"));
        show("sql agg order by count not selected", spark.sql("SELECT a, sum(x) FROM t GROUP BY a ORDER BY count(*) DESC, a"));
        schema("sql agg order by agg not selected", spark.sql("SELECT a FROM t GROUP BY a ORDER BY sum(x)"));
        err("sql agg order by non-grouped", () -> spark.sql("SELECT a FROM t GROUP BY a ORDER BY x").collectAsList());
        err("sql distinct order by b", () -> spark.sql("SELECT DISTINCT a FROM t ORDER BY b").collectAsList());
        show("sql distinct order by a", spark.sql("SELECT DISTINCT a FROM t ORDER BY a DESC"));
        show("sql having not selected agg", spark.sql("SELECT a FROM t GROUP BY a HAVING sum(x) > 15"));
        show("sql having max", spark.sql("SELECT a, count(*) c FROM t GROUP BY a HAVING max(x) >= 20 AND c > 0"));
        err("sql having non-grouped", () -> spark.sql("SELECT a FROM t GROUP BY a HAVING x > 1").collectAsList());
        show("ds select orderBy b", df.select("a").orderBy("b", "x"));
        show("ds select orderBy desc", df.select(col("a").as("z")).orderBy(col("x").desc()));
        show("ds select sort", df.select("a").sort(col("b").desc(), col("x")));
        show("ds select filter b", df.select("a").filter(col("b").equalTo("p")));
        show("ds select where expr", df.select("a").where("x > 10"));
        err("ds groupBy orderBy x", () -> df.groupBy("a").count().orderBy("x").collectAsList());
        err("ds distinct orderBy b", () -> df.select("a").distinct().orderBy("b").collectAsList());
        show("ds groupBy agg orderBy a", df.groupBy("a").agg(sum("x")).orderBy(col("a").desc()));
        show("sql rollup order", spark.sql("SELECT a, b, sum(x) FROM t GROUP BY ROLLUP(a, b) ORDER BY a, b"));
        show("ds rollup", df.rollup("a", "b").agg(grouping("a"), grouping_id(), sum("x")).orderBy("a", "b"));
        spark.stop();
    }
}
