package dev.sluice.sql;

import static dev.sluice.sql.functions.call_function;
import static dev.sluice.sql.functions.callUDF;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.udf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.api.java.UDF0;
import dev.sluice.sql.api.java.UDF1;
import dev.sluice.sql.api.java.UDF10;
import dev.sluice.sql.api.java.UDF2;
import dev.sluice.sql.expressions.UserDefinedFunction;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User-defined functions: {@code functions.udf}, {@code session.udf().register}, calls by name and in SQL. */
class UdfTest {
    private static SluiceSession spark;
    private static Dataset<Row> people;

    @BeforeAll
    static void start() {
        spark = SluiceSession.builder().master("local[2]").getOrCreate();
        people = spark.createDataFrame(List.of(RowFactory.create("ana", 31), RowFactory.create("luis", null),
                RowFactory.create(null, 7)), new StructType().add("name", DataTypes.StringType)
                .add("age", DataTypes.IntegerType));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void anUnnamedUdfIsCalledPerRowWithNullsAndNamesItsColumnUdf() {
        UserDefinedFunction plusOne = udf((UDF1<Integer, Integer>) x -> x == null ? -1 : x + 1, DataTypes.IntegerType);
        Dataset<Row> out = people.select(plusOne.apply(col("age")));
        assertThat(out.columns()).containsExactly("UDF(age)");
        assertThat(out.collectAsList()).extracting(r -> r.get(0)).containsExactly(32, -1, 8);
        UserDefinedFunction label = udf((UDF2<String, Integer, String>) (n, a) -> n + ":" + a, DataTypes.StringType)
                .withName("label");
        Dataset<Row> labels = people.select(label.apply(col("name"), col("age")));
        assertThat(labels.columns()).containsExactly("label(name, age)");
        assertThat(labels.collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("ana:31", "luis:null", "null:7");
    }

    @Test
    void registeredUdfsWorkInExprSqlAndCallByName() {
        spark.udf().register("shout", (UDF1<String, String>) s -> s == null ? null : s.toUpperCase() + "!",
                DataTypes.StringType);
        assertThat(people.select(expr("shout(name) AS s")).collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("ANA!", "LUIS!", null);
        assertThat(people.selectExpr("SHOUT(name)").columns()).containsExactly("shout(name)");
        assertThat(people.select(callUDF("shout", col("name"))).first().getString(0)).isEqualTo("ANA!");
        assertThat(people.select(call_function("shout", col("name"))).first().getString(0)).isEqualTo("ANA!");
        people.createOrReplaceTempView("people_udf");
        assertThat(spark.sql("SELECT shout(name) AS s FROM people_udf WHERE age > 10").collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("ANA!");
        assertThatThrownBy(() -> people.selectExpr("shout(name, age)"))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("WRONG_NUM_ARGS");
    }

    @Test
    void udfsOfZeroAndTenArgumentsAndArrayResults() {
        UserDefinedFunction zero = udf((UDF0<String>) () -> "z", DataTypes.StringType);
        assertThat(spark.range(2).select(zero.apply()).collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("z", "z");
        UDF10<Long, Long, Long, Long, Long, Long, Long, Long, Long, Long, Long> sum =
                (a, b, c, d, e, f, g, h, i, j) -> a + b + c + d + e + f + g + h + i + j;
        Column id = col("id");
        assertThat(spark.range(3).select(udf(sum, DataTypes.LongType).apply(id, id, id, id, id, id, id, id, id, id))
                .collectAsList()).extracting(r -> r.getLong(0)).containsExactly(0L, 10L, 20L);
        UserDefinedFunction split = udf((UDF1<String, List<String>>) s -> List.of(s.split("-")),
                new ArrayType(DataTypes.StringType, true));
        assertThat(spark.sql("SELECT 'a-b' AS v").select(split.apply(col("v"))).first().getList(0))
                .containsExactly("a", "b");
    }

    @Test
    void aNondeterministicUdfIsCalledOncePerRowAndFailuresAreFailedExecuteUdf() {
        AtomicInteger calls = new AtomicInteger();
        UserDefinedFunction counted = udf((UDF1<Long, Long> & java.io.Serializable) x -> {
            calls.incrementAndGet();
            return x * 2;
        }, DataTypes.LongType).asNondeterministic();
        assertThat(counted.deterministic()).isFalse();
        // the projection reading v twice is not collapsed into the one computing it: one call per row
        Dataset<Row> twice = spark.range(4).select(counted.apply(col("id")).alias("v"))
                .select(col("v").plus(col("v")).alias("w"));
        assertThat(twice.collectAsList()).extracting(r -> r.getLong(0)).containsExactly(0L, 4L, 8L, 12L);
        assertThat(calls.get()).isEqualTo(4);

        UserDefinedFunction boom = udf((UDF1<Long, Long>) x -> {
            throw new IllegalStateException("boom " + x);
        }, DataTypes.LongType).withName("boom");
        assertThatThrownBy(() -> spark.range(1).select(boom.apply(col("id"))).collectAsList())
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("[FAILED_EXECUTE_UDF] User defined function (`boom`: (bigint) => bigint)")
                .hasRootCauseMessage("boom 0");
    }

    @Test
    void aUdfRunsInAStreamingQuery() throws Exception {
        UserDefinedFunction twice = udf((UDF1<String, String>) s -> s + s, DataTypes.StringType);
        dev.sluice.stream.connector.MemoryStream input = dev.sluice.stream.connector.MemoryStream.of(spark,
                new StructType().add("value", DataTypes.StringType));
        dev.sluice.sql.streaming.StreamingQuery q = input.toDF().select(twice.apply(col("value")).alias("v"))
                .writeStream().format("memory").queryName("udf_stream").start();
        try {
            input.addValues("ab", "c");
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(spark.table("udf_stream").collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("abab", "cc");
    }
}
