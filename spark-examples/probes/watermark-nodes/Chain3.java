import org.apache.spark.sql.*;
import org.apache.spark.sql.streaming.*;
import org.apache.spark.sql.types.*;
import org.apache.spark.api.java.function.*;
import static org.apache.spark.sql.functions.*;
import java.nio.file.*;
import java.util.*;

public class Chain3 {
    static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
    static String r(String t, String kind, int ad) { return "{\"ts\":\"2024-01-01 00:00:" + t + "\",\"kind\":\"" + kind + "\",\"ad\":" + ad + "}"; }
    public static void main(String[] a) throws Exception {
        String which = a[0];
        Path dir = Files.createTempDirectory("chain");
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        String[][] files = {
            {r("01","i",1), r("02","i",2), r("05","c",1), r("08","i",3)},
            {r("12","c",2), r("15","c",3), r("16","i",4), r("19","i",5)},
            {r("22","c",4), r("27","c",5), r("28","i",6)},
            {r("33","c",6), r("34","i",7)},
            {r("41","c",7), r("48","i",8)},
            {r("59","i",9)},
        };
        for (int i = 0; i < files.length; i++) {
            Path f = in.resolve("f" + i + ".json");
            Files.write(f, Arrays.asList(files[i]));
            f.toFile().setLastModified(1_700_000_000_000L + i * 1000L);
        }
        SparkSession s = SparkSession.builder().master("local[2]").appName("chain")
            .config("spark.sql.shuffle.partitions", "2").config("spark.sql.streaming.statefulOperator.allowMultiple", System.getProperty("allowMultiple", "true")).config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("kind", DataTypes.StringType).add("ad", DataTypes.IntegerType);
        Dataset<Row> raw = s.readStream().schema(schema).option("maxFilesPerTrigger", 1).json(in.toString());
        Dataset<Row> src = raw.withWatermark("ts", "2 seconds");
        Dataset<Row> imp = src.filter("kind = 'i'").selectExpr("ad AS iad", "ts AS its");
        Dataset<Row> clk = src.filter("kind = 'c'").selectExpr("ad AS cad", "ts AS cts");
        Dataset<Row> out;
        String mode = "append";
        switch (which) {
            case "rewm": out = src.withWatermark("ts", "5 seconds").groupBy(window(col("ts"), "10 seconds")).count(); break;
            case "aggwm": out = src.groupBy(window(col("ts"), "10 seconds")).count()
                    .selectExpr("window.end AS wend", "count")
                    .withWatermark("wend", "0 seconds")
                    .groupBy(window(col("wend"), "20 seconds")).agg(sum("count").as("n")); break;
            case "aggjoinagg": {
                Dataset<Row> ca = clk.groupBy(window(col("cts"), "10 seconds").as("w")).agg(count("*").as("c"));
                Dataset<Row> ia = imp.groupBy(window(col("its"), "10 seconds").as("w2")).agg(count("*").as("i"));
                out = ca.join(ia, expr("w = w2")).groupBy(window(col("w.start"), "20 seconds").as("ww"))
                        .agg(sum("c").as("sc"), sum("i").as("si"));
                break;
            }
            case "aggjoinagg2": {
                Dataset<Row> ca = clk.groupBy(window(col("cts"), "10 seconds").as("w")).agg(count("*").as("c"));
                Dataset<Row> ia = imp.groupBy(window(col("its"), "10 seconds").as("w2")).agg(count("*").as("i"));
                out = ca.join(ia, expr("w = w2")).groupBy(col("w")).agg(sum("c").as("sc"), sum("i").as("si"));
                break;
            }
            case "joinagg": out = imp.join(clk, expr("iad = cad AND cts >= its AND cts <= its + interval 10 seconds")).groupBy(window(col("cts"), "10 seconds")).count(); break;
            case "dedup2": out = src.select(col("ts"), window(col("ts"), "10 seconds").as("w"), col("ad")).dropDuplicates("ad"); break;
            case "join2": out = imp.select(col("iad"), col("its"), window(col("its"), "10 seconds").as("w")).join(clk, expr("iad = cad AND cts >= its AND cts <= its + interval 10 seconds")); break;
            case "fmgwsagg": {
                Dataset<Row> f = src.groupByKey((MapFunction<Row, Integer>) r -> r.getInt(2), Encoders.INT())
                    .flatMapGroupsWithState((FlatMapGroupsWithStateFunction<Integer, Row, Integer, Row>) (k, it, st) -> {
                        List<Row> o = new ArrayList<>();
                        while (it.hasNext()) { Row r = it.next(); o.add(RowFactory.create(k, r.getTimestamp(0))); }
                        return o.iterator();
                    }, OutputMode.Append(), Encoders.INT(),
                    Encoders.row(new StructType().add("k", DataTypes.IntegerType).add("t", DataTypes.TimestampType)),
                    GroupStateTimeout.NoTimeout());
                out = f.groupBy(window(col("t"), "10 seconds")).count();
                break;
            }
            default: throw new IllegalArgumentException(which);
        }
        StreamingQuery q = out.writeStream().outputMode(mode)
            .option("checkpointLocation", dir.resolve("cp").toString()).trigger(Trigger.AvailableNow())
            .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (df, id) -> {
                List<String> ss = new ArrayList<>();
                for (Row r : df.collectAsList()) ss.add(r.toString());
                Collections.sort(ss);
                LOG.add("batch " + id + ": " + ss);
            }).start();
        try {
            q.awaitTermination();
        } catch (Exception e) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof AnalysisException)) t = t.getCause();
            System.out.println(which + " FAILED " + t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        for (String l : LOG) System.out.println(which + " " + l);
        for (Object p : q.recentProgress()) {
            StreamingQueryProgress pr = (StreamingQueryProgress) p;
            System.out.println(which + " progress batch " + pr.batchId() + " wm=" + pr.eventTime().get("watermark"));
        }
        s.stop();
    }
}
