package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.monotonically_increasing_id;
import static dev.sluice.sql.functions.rand;
import static dev.sluice.sql.functions.randn;
import static dev.sluice.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partitions as Spark defines them, and what depends on them: {@code rand}/{@code randn} with seeds,
 * {@code monotonically_increasing_id}, {@code spark_partition_id}, {@code sample}, {@code randomSplit},
 * {@code sampleBy}, {@code repartition}/{@code coalesce}/{@code repartitionByRange}. Every expected value below was
 * printed by real Spark 4.1.1 on {@code local[2]} (a scratch program on the {@code -Pcompare} class path, see the
 * issue 16 report), for the same queries.
 */
class PartitionsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void start() {
        spark = SluiceSession.builder().master("local[2]").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<String> rows(Dataset<?> d) {
        List<String> out = new ArrayList<>();
        for (Row r : d.toDF().collectAsList()) {
            out.add(r.toString());
        }
        return out;
    }

    private static List<Long> ids(Dataset<?> d) {
        List<Long> out = new ArrayList<>();
        for (Row r : d.toDF().collectAsList()) {
            out.add(r.getLong(0));
        }
        return out;
    }

    @Test
    void randRandnAndIdsOverARangeEqualSpark() {
        // range(10) on local[2]: two partitions [0..4] and [5..9]
        assertThat(rows(spark.range(10).select(col("id"), rand(42), randn(42), monotonically_increasing_id(),
                spark_partition_id()))).containsExactly(
                "[0,0.619189370225301,2.384479054241165,0,0]",
                "[1,0.5096018842446481,0.1920934041293524,1,0]",
                "[2,0.8325259388871524,0.7337336533286575,2,0]",
                "[3,0.26322809041172357,-0.5224480195716871,3,0]",
                "[4,0.6702867696264135,2.060084179317831,4,0]",
                "[5,0.8017532427858894,1.1027054481455365,8589934592,1]",
                "[6,0.6565552949992319,0.5721044623675455,8589934593,1]",
                "[7,0.2515595782593636,-0.6653612526641282,8589934594,1]",
                "[8,0.2073428376111074,-0.7837804122369704,8589934595,1]",
                "[9,0.6392921379278927,0.3920335178147928,8589934596,1]");
        assertThat(rows(spark.range(0, 10, 1, 3).select(col("id"), rand(42), randn(42),
                monotonically_increasing_id(), spark_partition_id()))).containsExactly(
                "[0,0.619189370225301,2.384479054241165,0,0]",
                "[1,0.5096018842446481,0.1920934041293524,1,0]",
                "[2,0.8325259388871524,0.7337336533286575,2,0]",
                "[3,0.8017532427858894,1.1027054481455365,8589934592,1]",
                "[4,0.6565552949992319,0.5721044623675455,8589934593,1]",
                "[5,0.2515595782593636,-0.6653612526641282,8589934594,1]",
                "[6,0.7985334687187781,0.29214347275992464,17179869184,2]",
                "[7,0.8679617292463396,0.36008564763650264,17179869185,2]",
                "[8,0.5068407664758031,0.03373752076479616,17179869186,2]",
                "[9,0.7946993123364816,1.453407919198987,17179869187,2]");
        // RangeExec's split of 7 elements into 4 partitions: [0], [3, 6], [9, 12], [15, 18]
        assertThat(rows(spark.range(0, 20, 3, 4).select(col("id"), spark_partition_id()))).containsExactly(
                "[0,0]", "[3,1]", "[6,1]", "[9,2]", "[12,2]", "[15,3]", "[18,3]");
        // a null seed is 0, as Spark's
        assertThat(rows(spark.range(3).selectExpr("rand(null)", "randn(null)"))).containsExactly(
                "[0.7604953758285915,1.6034991609278433]", "[0.6363787615254752,1.6845611254444919]",
                "[0.5993846534021868,1.2276070094376463]");
    }

    @Test
    void namesTypesAndSqlForms() {
        Dataset<Row> d = spark.range(10).select(rand(42), randn(42), monotonically_increasing_id(),
                spark_partition_id(), functions.expr("random(3)"));
        assertThat(d.columns()).containsExactly("rand(42)", "randn(42)", "monotonically_increasing_id()",
                "SPARK_PARTITION_ID()", "rand(3)");
        assertThat(d.schema().toString()).isEqualTo("StructType(StructField(rand(42),DoubleType,false),"
                + "StructField(randn(42),DoubleType,false),StructField(monotonically_increasing_id(),LongType,false),"
                + "StructField(SPARK_PARTITION_ID(),IntegerType,false),StructField(rand(3),DoubleType,false))");
        // functions.rand() picks a seed and shows it; SQL's rand() hides it
        assertThat(spark.range(1).select(rand()).columns()[0]).matches("rand\\(-?\\d+\\)");
        assertThat(spark.range(1).selectExpr("rand()", "randn()").columns()).containsExactly("rand()", "randn()");
        assertThatThrownBy(() -> spark.range(1).selectExpr("rand(id)"))
                .isInstanceOfSatisfying(AnalysisException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("SEED_EXPRESSION_IS_UNFOLDABLE");
                    assertThat(e.getMessage()).contains(
                            "The seed expression \"id\" of the expression \"rand(id)\" must be foldable.");
                });
        assertThatThrownBy(() -> spark.range(1).selectExpr("rand('a')"))
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"));
    }

    private static Dataset<Row> localFive() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(RowFactory.create(i));
        }
        return spark.createDataFrame(rows, new StructType().add("x", DataTypes.IntegerType));
    }

    @Test
    void localDataAsSparksOptimizerLeavesIt() {
        // projections and filters of local data run as partition 0 (Spark's ConvertToLocalRelation)
        assertThat(rows(localFive().select(col("x"), rand(7), monotonically_increasing_id(), spark_partition_id())))
                .containsExactly("[0,0.28188121484885875,0,0]", "[1,0.45998819035056326,1,0]",
                        "[2,0.7690971666031955,2,0]", "[3,0.6631414615273216,3,0]", "[4,0.520550428327607,4,0]");
        assertThat(rows(localFive().filter(rand(7).lt(0.5)))).containsExactly("[0]", "[1]");
        // a sample sees the local rows in min(rows, leaf parallelism) slices: [0, 1] and [2, 3, 4]
        assertThat(rows(localFive().sample(0.5, 3))).containsExactly("[0]", "[3]", "[4]");
        assertThat(rows(localFive().sample(0.99, 3).select(col("x"), rand(7), monotonically_increasing_id(),
                spark_partition_id()))).containsExactly("[0,0.28188121484885875,0,0]",
                "[1,0.45998819035056326,1,0]", "[2,0.4836508543933039,8589934592,1]",
                "[3,0.734216416644485,8589934593,1]", "[4,0.25330679322428096,8589934594,1]");
        localFive().createOrReplaceTempView("five");
        assertThat(rows(spark.sql("SELECT x, rand(7), random(7), randn(7), monotonically_increasing_id(),"
                + " spark_partition_id() FROM five WHERE x < 3"))).containsExactly(
                "[0,0.28188121484885875,0.28188121484885875,-1.773755556110447,0,0]",
                "[1,0.45998819035056326,0.45998819035056326,-0.32537852999017897,1,0]",
                "[2,0.7690971666031955,0.7690971666031955,1.1637571325924414,2,0]");
    }

    @Test
    void nondeterministicColumnsAreEvaluatedOncePerRow() {
        // neither collapsed into the filter nor computed twice: the rows whose rand(42) above is > 0.5
        Dataset<Row> r = spark.range(10).select(col("id"), rand(42).as("r"));
        assertThat(ids(r.filter(col("r").gt(0.5)))).containsExactly(0L, 1L, 2L, 4L, 5L, 6L, 9L);
        for (Row row : r.select(col("r"), col("r").plus(1).as("r1"), col("r").as("again")).collectAsList()) {
            assertThat(row.getDouble(1)).isEqualTo(row.getDouble(0) + 1);
            assertThat(row.getDouble(2)).isEqualTo(row.getDouble(0));
        }
    }

    @Test
    void sampleRandomSplitAndSampleByEqualSpark() {
        assertThat(ids(spark.range(20).sample(0.5, 3))).containsExactly(0L, 4L, 5L, 8L, 11L, 12L, 13L, 14L, 15L,
                16L, 18L);
        Dataset<Long>[] split = spark.range(20).randomSplit(new double[] {0.3, 0.7}, 11);
        assertThat(ids(split[0])).containsExactly(0L, 1L, 4L, 7L, 8L, 13L, 14L, 16L);
        assertThat(ids(split[1])).containsExactly(2L, 3L, 5L, 6L, 9L, 10L, 11L, 12L, 15L, 17L, 18L, 19L);
        assertThat(ids(spark.range(20).randomSplitAsList(new double[] {0.3, 0.7}, 11).get(0)))
                .isEqualTo(ids(split[0]));
        Map<Long, Double> fractions = new HashMap<>();
        fractions.put(0L, 0.5);
        fractions.put(1L, 0.2);
        assertThat(rows(spark.range(30).withColumn("key", col("id").mod(3)).stat().sampleBy("key", fractions, 5L)))
                .containsExactly("[0,0]", "[1,1]", "[6,0]", "[9,0]", "[12,0]", "[15,0]", "[21,0]");
        assertThat(rows(spark.range(30).withColumn("key", col("id").mod(3)).stat()
                .sampleBy(col("key"), fractions, 5L))).hasSize(7);
    }

    @Test
    void samplingProperties() {
        Dataset<Long> big = spark.range(0, 20_000, 1, 4);
        // the same seed gives the same rows; the fraction is met within 5 standard deviations
        List<Long> once = ids(big.sample(0.3, 99));
        assertThat(ids(big.sample(0.3, 99))).isEqualTo(once);
        assertThat((double) once.size()).isBetween(20_000 * 0.3 - 5 * Math.sqrt(20_000 * 0.21),
                20_000 * 0.3 + 5 * Math.sqrt(20_000 * 0.21));
        // with replacement: rows repeat, about fraction·n of them, deterministic per seed
        List<Long> withReplacement = ids(big.sample(true, 1.5, 5));
        assertThat(ids(big.sample(true, 1.5, 5))).isEqualTo(withReplacement);
        assertThat((double) withReplacement.size()).isBetween(30_000 - 5 * Math.sqrt(30_000),
                30_000 + 5 * Math.sqrt(30_000));
        assertThat(new HashSet<>(withReplacement).size()).isLessThan(withReplacement.size());
        // randomSplit: disjoint and complete
        Dataset<Long>[] parts = big.randomSplit(new double[] {1, 2, 3}, 7);
        Set<Long> seen = new HashSet<>();
        long total = 0;
        for (Dataset<Long> p : parts) {
            List<Long> got = ids(p);
            total += got.size();
            seen.addAll(got);
        }
        assertThat(total).isEqualTo(20_000);
        assertThat(seen).hasSize(20_000);
        // ids unique and increasing within a partition, on any number of worker threads
        SluiceSession four = SluiceSession.builder().master("local[4]").getOrCreate();
        try {
            Dataset<Row> a = big.select(col("id"), rand(3), monotonically_increasing_id(), spark_partition_id());
            List<String> onTwo = rows(a);
            assertThat(rows(four.range(0, 20_000, 1, 4).select(col("id"), rand(3), monotonically_increasing_id(),
                    spark_partition_id()))).isEqualTo(onTwo);
            Set<Long> unique = new HashSet<>();
            for (Row row : a.collectAsList()) {
                long id = row.getLong(2);
                assertThat(unique.add(id)).isTrue();
                assertThat(id >>> 33).isEqualTo(row.getInt(3));
                assertThat(id & ((1L << 33) - 1)).isEqualTo(row.getLong(0) - row.getInt(3) * 5_000L);
            }
        } finally {
            four.stop();
        }
    }

    @Test
    void repartitionAndCoalesceSetThePartitions() {
        // hash partitioning by Spark's Murmur3 hash, pmod 3
        Map<Long, Integer> byHash = partitionOf(spark.range(10).repartition(3, col("id")));
        assertThat(byHash).isEqualTo(Map.of(3L, 0, 6L, 0, 7L, 0, 0L, 1, 1L, 2, 2L, 2, 4L, 2, 5L, 2, 8L, 2, 9L, 2));
        assertThat(rows(spark.range(0, 10, 1, 4).coalesce(2).select(col("id"), spark_partition_id(),
                monotonically_increasing_id()))).containsExactly("[0,0,0]", "[1,0,1]", "[2,0,2]", "[3,0,3]",
                "[4,0,4]", "[5,1,8589934592]", "[6,1,8589934593]", "[7,1,8589934594]", "[8,1,8589934595]",
                "[9,1,8589934596]");
        Map<Long, Integer> byRange = partitionOf(spark.range(10).repartitionByRange(3, col("id")));
        for (long id = 0; id < 10; id++) {
            assertThat(byRange.get(id)).as("id %d", id).isEqualTo(id <= 3 ? 0 : id <= 6 ? 1 : 2);
        }
        // round robin: every row once, 3 partitions of sizes 3 or 4; rows unchanged
        Map<Long, Integer> roundRobin = partitionOf(spark.range(10).repartition(3));
        assertThat(roundRobin).hasSize(10);
        Map<Integer, Integer> sizes = new HashMap<>();
        roundRobin.values().forEach(p -> sizes.merge(p, 1, Integer::sum));
        assertThat(sizes.keySet()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(sizes.values()).allMatch(n -> n == 3 || n == 4);
        assertThat(spark.range(10).repartition(3).count()).isEqualTo(10);
        assertThat(spark.range(10).coalesce(5).select(spark_partition_id()).distinct().count()).isEqualTo(2);
        // a union numbers its inputs' partitions one after another (Spark's UnionRDD)
        assertThat(rows(spark.range(0, 4, 1, 2).union(spark.range(0, 4, 1, 2)).select(col("id"), spark_partition_id())))
                .containsExactly("[0,0]", "[1,0]", "[2,1]", "[3,1]", "[0,2]", "[1,2]", "[2,3]", "[3,3]");
        assertThat(ids(spark.range(0, 6, 1, 2).sortWithinPartitions(col("id").desc())))
                .containsExactly(2L, 1L, 0L, 5L, 4L, 3L);
    }

    private static Map<Long, Integer> partitionOf(Dataset<Long> d) {
        Map<Long, Integer> out = new HashMap<>();
        for (Row r : d.select(col("id"), spark_partition_id()).collectAsList()) {
            assertThat(out.put(r.getLong(0), r.getInt(1))).isNull();
        }
        return out;
    }

    @Test
    void explainShowsExchangesAsSpark() {
        assertThat(plan(spark.range(10).repartition(3)))
                .contains("Exchange RoundRobinPartitioning(3), REPARTITION_BY_NUM, [plan_id=");
        assertThat(plan(spark.range(10).repartition(3, col("id")))).containsPattern(
                "Exchange hashpartitioning\\(id#\\d+, 3\\), REPARTITION_BY_NUM, \\[plan_id=\\d+]");
        assertThat(plan(spark.range(10).repartition(col("id")))).containsPattern(
                "Exchange hashpartitioning\\(id#\\d+, 200\\), REPARTITION_BY_COL");
        assertThat(plan(spark.range(10).coalesce(1))).contains("Coalesce 1");
        assertThat(plan(spark.range(10).repartitionByRange(3, col("id")))).containsPattern(
                "Exchange rangepartitioning\\(id#\\d+ ASC NULLS FIRST, 3\\), REPARTITION_BY_NUM");
        assertThat(plan(spark.range(10).sample(0.5, 3))).contains("Sample 0.0, 0.5, false, 3");
    }

    private static String plan(Dataset<?> d) {
        return dev.sluice.exec.physical.PhysicalPlanner.planQuery(d.logicalPlan()).treeString();
    }

    @Test
    void badArgumentsFailWithSparksTexts() {
        assertThatThrownBy(() -> spark.range(10).sample(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requirement failed: Sampling fraction (-0.1) must be on interval [0, 1] without"
                        + " replacement");
        assertThatThrownBy(() -> spark.range(10).sample(1.5)).hasMessage("requirement failed: Sampling fraction"
                + " (1.5) must be on interval [0, 1] without replacement");
        assertThatThrownBy(() -> spark.range(10).sample(true, -1.0)).hasMessage("requirement failed: Sampling"
                + " fraction (-1.0) must be nonnegative with replacement");
        assertThatThrownBy(() -> spark.range(10).randomSplit(new double[] {-1, 2}))
                .hasMessage("requirement failed: Weights must be nonnegative, but got [-1.0,2.0]");
        assertThatThrownBy(() -> spark.range(10).randomSplit(new double[] {0, 0}))
                .hasMessage("requirement failed: Sum of weights must be positive, but got [0.0,0.0]");
        assertThat(spark.range(10).randomSplit(new double[] {1})).hasSize(1);
        assertThatThrownBy(() -> spark.range(10).repartition(0))
                .hasMessage("requirement failed: Number of partitions (0) must be positive.");
        assertThatThrownBy(() -> spark.range(10).coalesce(-1))
                .hasMessage("requirement failed: Number of partitions (-1) must be positive.");
        assertThatThrownBy(() -> spark.range(10).stat().sampleBy("id", Map.of(1L, 1.5), 1L))
                .hasMessage("requirement failed: Fractions must be in [0, 1], but got Map(1 -> 1.5).");
    }
}
