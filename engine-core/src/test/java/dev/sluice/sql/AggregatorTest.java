package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.udaf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.expressions.Aggregator;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Aggregator} with {@code toColumn()} and {@code functions.udaf}, in batch and streaming aggregations. */
class AggregatorTest {
    private static SluiceSession spark;
    private static final StructType KV = new StructType().add("k", DataTypes.StringType)
            .add("v", DataTypes.LongType);

    @TempDir
    Path dir;

    /** The buffer of {@link MyAverage}: a bean, so the state holds it as a struct. */
    public static class Average {
        private long sum;
        private long count;

        public long getSum() {
            return sum;
        }

        public void setSum(long sum) {
            this.sum = sum;
        }

        public long getCount() {
            return count;
        }

        public void setCount(long count) {
            this.count = count;
        }
    }

    /** Spark's documentation example: the average of longs. */
    public static class MyAverage extends Aggregator<Long, Average, Double> {
        @Override
        public Average zero() {
            return new Average();
        }

        @Override
        public Average reduce(Average b, Long a) {
            if (a != null) {
                b.setSum(b.getSum() + a);
                b.setCount(b.getCount() + 1);
            }
            return b;
        }

        @Override
        public Average merge(Average b1, Average b2) {
            b1.setSum(b1.getSum() + b2.getSum());
            b1.setCount(b1.getCount() + b2.getCount());
            return b1;
        }

        @Override
        public Double finish(Average r) {
            return r.getCount() == 0 ? null : (double) r.getSum() / r.getCount();
        }

        @Override
        public Encoder<Average> bufferEncoder() {
            return Encoders.bean(Average.class);
        }

        @Override
        public Encoder<Double> outputEncoder() {
            return Encoders.DOUBLE();
        }
    }

    /** Sums the column {@code v} of rows. */
    public static class SumOfV extends Aggregator<Row, Long, Long> {
        @Override
        public Long zero() {
            return 0L;
        }

        @Override
        public Long reduce(Long b, Row a) {
            return b + a.<Long>getAs("v");
        }

        @Override
        public Long merge(Long b1, Long b2) {
            return b1 + b2;
        }

        @Override
        public Long finish(Long r) {
            return r;
        }

        @Override
        public Encoder<Long> bufferEncoder() {
            return Encoders.LONG();
        }

        @Override
        public Encoder<Long> outputEncoder() {
            return Encoders.LONG();
        }
    }

    @BeforeAll
    static void start() {
        spark = SluiceSession.builder().master("local[2]").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> kv() {
        return spark.createDataFrame(List.of(RowFactory.create("a", 1L), RowFactory.create("a", 3L),
                RowFactory.create("b", 10L)), KV);
    }

    @Test
    void toColumnAggregatesTheObjectsOfATypedDataset() {
        // (1 + 2 + 3 + 4) / 4 = 2.5
        Dataset<Double> avg = spark.range(1, 5).select(new MyAverage().toColumn().name("average"));
        assertThat(avg.columns()).containsExactly("average");
        assertThat(avg.collectAsList()).containsExactly(2.5);
        // an empty input: finish(zero()), which is null here
        assertThat(spark.range(0).select(new MyAverage().toColumn()).collectAsList()).containsExactly((Double) null);
    }

    @Test
    void udafAndToColumnWorkInGroupedAggregationsAndSql() {
        Dataset<Row> byKey = kv().groupBy("k").agg(udaf(new MyAverage(), Encoders.LONG()).apply(col("v")).alias("avg"),
                new SumOfV().toColumn().name("total")).orderBy("k");
        // a: (1 + 3) / 2 = 2.0, sum 4; b: 10.0, sum 10
        assertThat(byKey.collectAsList()).extracting(Row::toString).containsExactly("[a,2.0,4]", "[b,10.0,10]");
        spark.udf().register("myAverage", udaf(new MyAverage(), Encoders.LONG()));
        kv().createOrReplaceTempView("kv_udaf");
        assertThat(spark.sql("SELECT k, myAverage(v) AS a FROM kv_udaf GROUP BY k ORDER BY k").collectAsList())
                .extracting(Row::toString).containsExactly("[a,2.0]", "[b,10.0]");
    }

    @Test
    void aStreamingAggregationKeepsTheBufferInStateAcrossBatchesAndRestarts() throws Exception {
        String checkpoint = dir.resolve("cp").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        StreamingQuery q = start(input, checkpoint);
        input.addData(RowFactory.create("a", 1L), RowFactory.create("a", 3L));
        q.processAllAvailable();
        assertThat(results()).containsExactly("[a,2.0]");
        input.addData(RowFactory.create("a", 5L), RowFactory.create("b", 2L));
        q.processAllAvailable();
        // a: (1 + 3 + 5) / 3 = 3.0; b: 2.0
        assertThat(results()).containsExactly("[a,3.0]", "[b,2.0]");
        q.stop();

        // a new run from the checkpoint reads the buffers back from the state store
        StreamingQuery again = start(input, checkpoint);
        input.addData(RowFactory.create("b", 4L));
        again.processAllAvailable();
        again.stop();
        // b: (2 + 4) / 2 = 3.0
        assertThat(results()).containsExactly("[a,3.0]", "[b,3.0]");
    }

    private static StreamingQuery start(MemoryStream input, String checkpoint) throws Exception {
        return input.toDF().groupBy("k").agg(udaf(new MyAverage(), Encoders.LONG()).apply(col("v")).alias("avg"))
                .writeStream().outputMode("complete").format("memory").queryName("udaf_stream")
                .option("checkpointLocation", checkpoint).start();
    }

    private static List<String> results() {
        return spark.sql("SELECT * FROM udaf_stream ORDER BY k").collectAsList().stream().map(Row::toString).toList();
    }
}
