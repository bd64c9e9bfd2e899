import org.apache.spark.sql.*;
import org.apache.spark.sql.types.*;
import static org.apache.spark.sql.functions.*;
import java.util.*;
public class Probe {
    static void show(String title, Dataset<Row> d) {
        System.out.println("=== " + title);
        for (Row r : d.collectAsList()) System.out.println(r);
    }
    static void err(String title, Runnable r) {
        System.out.println("=== ERR " + title);
        try { r.run(); System.out.println("no error"); } catch (Throwable t) {
            String cond = t instanceof org.apache.spark.SparkThrowable st ? st.getCondition() + " / " + st.getSqlState() : "-";
            System.out.println(t.getClass().getName() + " | " + cond + " | " + t.getMessage());
        }
    }
    public static void main(String[] a) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        show("range10", spark.range(10).select(col("id"), rand(42), randn(42), monotonically_increasing_id(), spark_partition_id()));
        show("range(0,10,1,3)", spark.range(0, 10, 1, 3).select(col("id"), rand(42), randn(42), monotonically_increasing_id(), spark_partition_id()));
        show("range(0,20,3,4)", spark.range(0, 20, 3, 4).select(col("id"), spark_partition_id()));
        StructType s = new StructType().add("x", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) rows.add(RowFactory.create(i));
        Dataset<Row> local = spark.createDataFrame(rows, s);
        show("local5 select", local.select(col("x"), rand(7), monotonically_increasing_id(), spark_partition_id()));
        show("local5 filter", local.filter(rand(7).lt(0.5)));
        show("local5 sample", local.sample(0.5, 3));
        show("local5 sample then select", local.sample(0.99, 3).select(col("x"), rand(7), monotonically_increasing_id(), spark_partition_id()));
        show("local5 sql", spark.sql("SELECT x, rand(7), random(7), randn(7), monotonically_increasing_id(), spark_partition_id() FROM VALUES (0),(1),(2) AS t(x)"));
        show("sample0.5s3", spark.range(20).toDF().sample(0.5, 3));
        show("sampleRep", spark.range(20).toDF().sample(true, 0.5, 3));
        show("sampleRep1.5", spark.range(10).toDF().sample(true, 1.5, 3));
        Dataset<Long>[] sp = spark.range(20).randomSplit(new double[] {0.3, 0.7}, 11);
        show("split0", sp[0].toDF()); show("split1", sp[1].toDF());
        Map<Long, Double> fr = new HashMap<>(); fr.put(0L, 0.5); fr.put(1L, 0.2);
        show("sampleBy", spark.range(30).withColumn("key", col("id").mod(3)).stat().sampleBy("key", fr, 5L));
        show("repart3", spark.range(10).repartition(3).select(col("id"), spark_partition_id()));
        show("repart3col", spark.range(10).repartition(3, col("id")).select(col("id"), spark_partition_id()));
        show("repartcol", spark.range(10).repartition(col("id")).select(col("id"), spark_partition_id()).filter(col("id").lt(3)));
        show("coalesce", spark.range(0, 10, 1, 4).coalesce(2).select(col("id"), spark_partition_id(), monotonically_increasing_id()));
        show("byrange", spark.range(10).repartitionByRange(3, col("id")).select(col("id"), spark_partition_id()));
        System.out.println("=== explain");
        spark.range(10).repartition(3).explain();
        spark.range(10).repartition(3, col("id")).explain();
        spark.range(10).repartition(col("id")).explain();
        spark.range(10).coalesce(1).explain();
        spark.range(10).repartitionByRange(3, col("id")).explain();
        spark.range(10).sample(0.5, 3).explain();
        spark.range(10).select(rand(42), randn(1), monotonically_increasing_id(), spark_partition_id()).explain();
        spark.range(10).select(rand(42).as("r")).filter(col("r").gt(0.5)).explain(true);
        err("sample neg", () -> spark.range(10).sample(-0.1));
        err("sample >1", () -> spark.range(10).sample(1.5));
        err("sample rep neg", () -> spark.range(10).sample(true, -1.0));
        err("split neg", () -> spark.range(10).randomSplit(new double[] {-1, 2}));
        err("split zero", () -> spark.range(10).randomSplit(new double[] {0, 0}));
        err("split one", () -> spark.range(10).randomSplit(new double[] {1}));
        err("repart0", () -> spark.range(10).repartition(0));
        err("coalesce0", () -> spark.range(10).coalesce(0));
        err("coalesce -1", () -> spark.range(10).coalesce(-1).count());
        err("sampleBy bad", () -> spark.range(10).stat().sampleBy("id", Map.of(1L, 1.5), 1L));
        err("observe nonagg", () -> spark.range(10).observe("m", col("id")).count());
        err("observe nondet", () -> spark.range(10).observe("m", sum(rand(1))).count());
        err("observe noalias", () -> spark.range(10).observe("m", sum(col("id"))).count());
        err("observe empty name", () -> spark.range(10).observe("", sum(col("id")).as("s")).count());
        err("rand str", () -> spark.range(1).select(expr("rand('a')")).collect());
        err("rand col", () -> spark.range(1).select(expr("rand(id)")).collect());
        show("rand null", spark.range(3).select(expr("rand(null)"), expr("randn(null)")));
        Observation obs = new Observation("o");
        Dataset<Row> od = spark.range(10).toDF().observe(obs, count(lit(1)).as("rows"), sum(col("id")).as("s"), max(col("id")).as("mx"));
        od.collectAsList();
        System.out.println("=== observation " + obs.get());
        od.explain();
        spark.range(10).select(rand()).schema().printTreeString();
        System.out.println(spark.range(10).select(rand(42), randn(42), rand(), monotonically_increasing_id(), spark_partition_id()).schema());
        System.out.println(spark.range(10).select(rand(42), randn(42), monotonically_increasing_id(), spark_partition_id()).columns()[0]);
        System.out.println(Arrays.toString(spark.range(10).select(rand(42), randn(42), monotonically_increasing_id(), spark_partition_id(), expr("random(3)")).columns()));
        spark.range(3).select(rand(42)).show();
        spark.stop();
    }
}
