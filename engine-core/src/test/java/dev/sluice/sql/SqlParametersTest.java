package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sql(sqlText, args)} with positional ({@code ?}) and named ({@code :name}) markers; the cases and the
 * expected names of unbound markers are those of Spark 4.1's {@code ParametersSuite}.
 */
class SqlParametersTest {
    private static SluiceSession spark;

    @BeforeAll
    static void start() {
        spark = SluiceSession.builder().master("local[1]").getOrCreate();
        StructType schema = new StructType().add("name", DataTypes.StringType).add("age", DataTypes.IntegerType)
                .add("born", DataTypes.DateType);
        spark.createDataFrame(List.of(RowFactory.create("Ann", 31, LocalDate.of(1993, 5, 1)),
                RowFactory.create("Bob", 17, LocalDate.of(2007, 1, 9)),
                RowFactory.create("Cid", 45, LocalDate.of(1979, 12, 31))), schema).createOrReplaceTempView("people");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void positionalMarkersTakeTheArgumentsInOrderAndExtraArgumentsAreIgnored() {
        Row r = spark.sql("SELECT ? + 1, ?", 41, "abc", 3.14f).first();
        assertThat(r.getInt(0)).isEqualTo(42);
        assertThat(r.getString(1)).isEqualTo("abc");
        assertThat(spark.sql("SELECT name FROM people WHERE age > ? AND name <> ? ORDER BY name", 18, "Cid")
                .collectAsList()).extracting(x -> x.getString(0)).containsExactly("Ann");
    }

    @Test
    void namedMarkersAreCaseSensitive() {
        Map<String, Object> args = new HashMap<>();
        args.put("p", 1);
        args.put("P", 2L);
        Row r = spark.sql("SELECT :p, :P", args).first();
        assertThat(r.getInt(0)).isEqualTo(1);
        assertThat(r.getLong(1)).isEqualTo(2L);
        assertThatThrownBy(() -> spark.sql("select :P", Map.of("p", (Object) 1)))
                .isInstanceOfSatisfying(AnalysisException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("UNBOUND_SQL_PARAMETER");
                    assertThat(e.getSqlState()).isEqualTo("42P02");
                    assertThat(e.getMessage()).contains("Found the unbound parameter: P. Please, fix `args`");
                });
    }

    @Test
    void literalColumnsBindAsValues() {
        List<Row> rows = spark.sql("SELECT name FROM people WHERE born < :day AND name = :who",
                Map.of("day", (Object) lit(LocalDate.of(2000, 1, 1)), "who", lit("Ann"))).collectAsList();
        assertThat(rows).extracting(x -> x.getString(0)).containsExactly("Ann");
        assertThat(spark.sql("SELECT count(*) FROM people WHERE born < ?", lit(LocalDate.of(1990, 1, 1)))
                .first().getLong(0)).isEqualTo(1L);
        // a string argument is a value, never SQL text
        assertThat(spark.sql("SELECT count(*) FROM people WHERE name = ?", "Ann' OR 'x' = 'x").first().getLong(0))
                .isZero();
    }

    @Test
    void markersBindInGroupByHavingOrderByAndFunctionArguments() {
        List<Row> rows = spark.sql("SELECT age > :limit AS adult, count(*) AS n FROM people GROUP BY age > :limit"
                + " HAVING count(*) >= :least ORDER BY adult", Map.of("limit", (Object) 18, "least", 1))
                .collectAsList();
        assertThat(rows).extracting(Row::toString).containsExactly("[false,1]", "[true,2]");
        assertThat(spark.sql("SELECT upper(concat(?, name)) FROM people WHERE age = ?", "x-", 17).first().getString(0))
                .isEqualTo("X-BOB");
    }

    @Test
    void anUnboundPositionalMarkerIsNamedAfterItsOffset() {
        assertUnbound(() -> spark.sql("select ?, ?", 1), "_10");
        assertUnbound(() -> spark.sql("select ?"), "_7");
        assertUnbound(() -> spark.sql("select :abc, :def", Map.of("abc", (Object) 1)), "def");
        assertUnbound(() -> spark.sql("select :abc"), "abc");
    }

    @Test
    void mixingKindsLeavesTheOtherKindUnbound() {
        assertUnbound(() -> spark.sql("select :param1, ?", Map.of("param1", (Object) 1)), "_16");
        assertUnbound(() -> spark.sql("select :param1, ?", 1), "param1");
    }

    @Test
    void aColumnReferenceIsNotAnArgument() {
        assertThatThrownBy(() -> spark.sql("SELECT ?", col("name")))
                .isInstanceOfSatisfying(AnalysisException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("INVALID_SQL_ARG");
                    assertThat(e.getMessage()).contains("The argument 0 of `sql()` is invalid.");
                });
    }

    @Test
    void aMarkerOutsideSqlIsUnbound() {
        assertUnbound(() -> spark.table("people").selectExpr("age + :x"), "x");
    }

    private static void assertUnbound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnalysisException.class, e -> {
            assertThat(e.getCondition()).isEqualTo("UNBOUND_SQL_PARAMETER");
            assertThat(e.getMessage()).contains("Found the unbound parameter: " + name + ".");
        });
    }
}
