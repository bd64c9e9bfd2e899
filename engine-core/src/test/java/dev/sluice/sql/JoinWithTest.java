package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.java.Tuple2;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Dataset.joinWith}, {@code Encoders.tuple} and the pair-returning {@code KeyValueGroupedDataset.count} and
 * {@code reduceGroups}: Spark's DatasetSuite cases, expected values by hand.
 */
class JoinWithTest {
    private static SluiceSession spark;

    /** A bean as Spark's tests' {@code ClassData(a: String, b: Int)}. */
    public static class ClassData {
        private String a;
        private int b;

        public ClassData() {
        }

        ClassData(String a, int b) {
            this.a = a;
            this.b = b;
        }

        public String getA() {
            return a;
        }

        public void setA(String a) {
            this.a = a;
        }

        public int getB() {
            return b;
        }

        public void setB(int b) {
            this.b = b;
        }

        @Override
        public String toString() {
            return a + "/" + b;
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

    private static <A, B> List<String> sorted(Dataset<Tuple2<A, B>> ds) {
        return ds.collectAsList().stream().map(Tuple2::toString).sorted(Comparator.naturalOrder()).toList();
    }

    @Test
    void flatValuesPairUpAsTuplesWithSparksSchema() {
        Dataset<Integer> ds1 = spark.createDataset(List.of(1, 2, 3), Encoders.INT()).as("a");
        Dataset<Integer> ds2 = spark.createDataset(List.of(1, 2), Encoders.INT()).as("b");
        Dataset<Tuple2<Integer, Integer>> inner = ds1.joinWith(ds2, col("a.value").equalTo(col("b.value")));
        assertThat(sorted(inner)).containsExactly("(1,1)", "(2,2)");
        // a one-column encoder's value is the column itself, not a struct
        assertThat(inner.columns()).containsExactly("_1", "_2");
        assertThat(inner.schema().apply("_1").dataType()).isEqualTo(DataTypes.IntegerType);
        Tuple2<Integer, Integer> first = inner.orderBy(col("_1")).first();
        assertThat(first._1()).isEqualTo(1);
        assertThat(first._2()).isEqualTo(1);
        assertThat(first.swap()).isEqualTo(new Tuple2<>(1, 1));

        // 3 has no match on the right: its pair holds null there
        assertThat(sorted(ds1.joinWith(ds2, col("a.value").equalTo(col("b.value")), "left")))
                .containsExactly("(1,1)", "(2,2)", "(3,null)");
        assertThat(sorted(ds2.joinWith(ds1, col("a.value").equalTo(col("b.value")), "right_outer")))
                .containsExactly("(1,1)", "(2,2)", "(null,3)");
    }

    @Test
    void beansBecomeStructColumnsAndTheMissingSideIsNull() {
        Dataset<ClassData> ds1 = spark.createDataset(List.of(new ClassData("a", 1), new ClassData("b", 2)),
                Encoders.bean(ClassData.class));
        Dataset<ClassData> ds2 = spark.createDataset(List.of(new ClassData("a", 10), new ClassData("c", 30)),
                Encoders.bean(ClassData.class)).as("r");
        Dataset<Tuple2<ClassData, ClassData>> full = ds1.joinWith(ds2, ds1.col("a").equalTo(col("r.a")), "full");
        assertThat(sorted(full)).containsExactly("(a/1,a/10)", "(b/2,null)", "(null,c/30)");
        StructType bean = new StructType().add("a", DataTypes.StringType, true).add("b", DataTypes.IntegerType, false);
        assertThat(full.schema().apply("_1").dataType()).isEqualTo(bean);
        // Spark's toDF().select("_1.a", "_2.b") reads the struct fields
        List<Row> fields = full.toDF().select(col("_1.a"), col("_2.b")).orderBy(col("a")).collectAsList();
        assertThat(fields.toString()).isEqualTo("[[null,30], [a,10], [b,null]]");

        // an inner join's structs are never null, as Spark's CreateStruct
        Dataset<Tuple2<ClassData, ClassData>> inner = ds1.joinWith(ds2, ds1.col("a").equalTo(col("r.a")));
        assertThat(inner.schema().apply("_1").nullable()).isFalse();
        assertThat(sorted(inner)).containsExactly("(a/1,a/10)");
    }

    @Test
    void aSelfJoinOfDataFramesGivesPairsOfRows() {
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(1, "x"), RowFactory.create(2, "y")),
                new StructType().add("k", DataTypes.IntegerType).add("v", DataTypes.StringType));
        Dataset<Tuple2<Row, Row>> pairs = df.as("l").joinWith(df.as("r"), col("l.k").lt(col("r.k")));
        assertThat(sorted(pairs)).containsExactly("([1,x],[2,y])");
    }

    @Test
    void semiAndAntiJoinsAreRefusedWithSparksError() {
        Dataset<Integer> ds = spark.createDataset(List.of(1), Encoders.INT()).as("a");
        for (String type : List.of("leftsemi", "left_semi", "semi")) {
            assertThatThrownBy(() -> ds.joinWith(ds, col("a.value").equalTo(col("a.value")), type))
                    .isInstanceOf(AnalysisException.class)
                    .hasMessage("[INVALID_JOIN_TYPE_FOR_JOINWITH] Invalid join type in joinWith: LEFT SEMI. SQLSTATE: 42613");
        }
        assertThatThrownBy(() -> ds.joinWith(ds, col("a.value").equalTo(col("a.value")), "anti"))
                .hasMessage("[INVALID_JOIN_TYPE_FOR_JOINWITH] Invalid join type in joinWith: LEFT ANTI. SQLSTATE: 42613");
    }

    @Test
    void tupleEncoderRoundTripsPairs() {
        Encoder<Tuple2<String, Long>> enc = Encoders.tuple(Encoders.STRING(), Encoders.LONG());
        Dataset<Tuple2<String, Long>> ds = spark.createDataset(List.of(new Tuple2<>("a", 1L), new Tuple2<>("b", null)),
                enc);
        assertThat(ds.schema()).isEqualTo(new StructType().add("_1", DataTypes.StringType, true)
                .add("_2", DataTypes.LongType, true));
        assertThat(ds.collectAsList()).containsExactly(new Tuple2<>("a", 1L), new Tuple2<>("b", null));
    }

    @Test
    void groupByKeyCountAndReduceGroupsReturnPairs() {
        Dataset<String> words = spark.createDataset(List.of("a", "bb", "cc", "d", "eee"), Encoders.STRING());
        Dataset<Tuple2<Integer, Long>> counts = words.groupByKey(
                (dev.sluice.api.java.function.MapFunction<String, Integer>) String::length, Encoders.INT()).count();
        // Spark's column names: the key, then count(1)
        assertThat(counts.columns()).containsExactly("key", "count(1)");
        assertThat(counts.schema().apply("count(1)").nullable()).isFalse();
        assertThat(sorted(counts)).containsExactly("(1,2)", "(2,2)", "(3,1)");

        Dataset<Tuple2<Integer, String>> joined = words.groupByKey(
                (dev.sluice.api.java.function.MapFunction<String, Integer>) String::length, Encoders.INT())
                .reduceGroups((dev.sluice.api.java.function.ReduceFunction<String>) (x, y) -> x.compareTo(y) < 0
                        ? x + "+" + y : y + "+" + x);
        assertThat(sorted(joined)).containsExactly("(1,a+d)", "(2,bb+cc)", "(3,eee)");
    }

    @Test
    void groupByKeyCountOnAStreamKeepsCountsAcrossBatches() throws Exception {
        dev.sluice.stream.connector.MemoryStream input = dev.sluice.stream.connector.MemoryStream.of(spark,
                new StructType().add("value", DataTypes.StringType));
        Dataset<Tuple2<Integer, Long>> counts = input.toDF().as(Encoders.STRING()).groupByKey(
                (dev.sluice.api.java.function.MapFunction<String, Integer>) String::length, Encoders.INT()).count();
        dev.sluice.sql.streaming.StreamingQuery q = counts.writeStream().outputMode("complete").format("memory")
                .queryName("kv_counts").start();
        try {
            input.addData(RowFactory.create("a"), RowFactory.create("bb"));
            q.processAllAvailable();
            input.addData(RowFactory.create("c"));
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(spark.sql("SELECT * FROM kv_counts ORDER BY key").collectAsList().toString())
                .isEqualTo("[[1,2], [2,1]]");
        assertThatThrownBy(() -> input.toDF().as(Encoders.STRING()).groupByKey(
                (dev.sluice.api.java.function.MapFunction<String, Integer>) String::length, Encoders.INT())
                .reduceGroups((dev.sluice.api.java.function.ReduceFunction<String>) (x, y) -> x))
                .isInstanceOf(AnalysisException.class);
    }
}
