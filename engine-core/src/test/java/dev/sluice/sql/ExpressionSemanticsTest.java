package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.collect_list;
import static dev.sluice.sql.functions.collect_set;
import static dev.sluice.sql.functions.explode_outer;
import static dev.sluice.sql.functions.first;
import static dev.sluice.sql.functions.last;
import static dev.sluice.sql.functions.posexplode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operators, predicates, casts, aggregates and generators through the Dataset API, with Spark's results. */
class ExpressionSemanticsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    static Dataset<Row> one() {
        return spark.range(1).toDF();
    }

    private static List<String> eval(String... expressions) {
        return one().selectExpr(expressions).collectAsList().stream().map(Object::toString).toList();
    }

    private static String single(String expression) {
        return eval(expression).get(0);
    }

    private static String typeOf(String expression) {
        return one().selectExpr(expression).schema().apply(0).dataType().simpleString();
    }

    @Test
    void arithmeticResultTypesFollowSpark() {
        assertThat(typeOf("1 + 1")).isEqualTo("int");
        assertThat(typeOf("1 + 1L")).isEqualTo("bigint");
        assertThat(typeOf("1 / 2")).isEqualTo("double");
        assertThat(typeOf("5 div 2")).isEqualTo("bigint");
        assertThat(typeOf("0.1 + 0.2")).isEqualTo("decimal(2,1)");
        assertThat(typeOf("1.5 * 2")).isEqualTo("decimal(13,1)");
        assertThat(typeOf("1.0D * 2")).isEqualTo("double");
        assertThat(single("0.1 + 0.2")).isEqualTo("[0.3]");
        assertThat(single("1 / 2")).isEqualTo("[0.5]");
        assertThat(single("7 % 3")).isEqualTo("[1]");
        assertThat(single("-7 div 2")).isEqualTo("[-3]");
        assertThat(single("-(3)")).isEqualTo("[-3]");
        assertThat(single("0.1D + 0.2D")).isEqualTo("[0.30000000000000004]");
    }

    @Test
    void ansiArithmeticErrors() {
        assertThatThrownBy(() -> single("2147483647 + 1"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition()).isEqualTo("ARITHMETIC_OVERFLOW"))
                .hasMessageContaining("integer overflow");
        assertThatThrownBy(() -> single("1 / 0"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition()).isEqualTo("DIVIDE_BY_ZERO"));
        assertThat(single("CASE WHEN 0 <> 0 THEN 1 / 0 ELSE -1 END")).isEqualTo("[-1.0]");
    }

    @Test
    void comparisonsAndNullSemantics() {
        assertThat(eval("1 = 1", "1 == 2", "1 <> 2", "1 != 1", "2 > 1", "2 >= 2", "1 < 2", "1 <= 0"))
                .containsExactly("[true,false,true,false,true,true,true,false]");
        assertThat(eval("NULL = 1", "NULL <=> NULL", "1 <=> NULL", "'a' < 'b'", "'Z' < 'a'", "'' < 'a'"))
                .containsExactly("[null,true,false,true,true,true]");
        assertThat(eval("true AND NULL", "false AND NULL", "true OR NULL", "false OR NULL", "NOT NULL"))
                .containsExactly("[null,false,true,null,null]");
    }

    @Test
    void predicates() {
        assertThat(eval("2 IN (1, 2)", "3 IN (1, 2)", "3 IN (1, NULL)", "3 NOT IN (1, 2)", "NULL IN (1)"))
                .containsExactly("[true,false,null,true,null]");
        assertThat(eval("5 BETWEEN 1 AND 5", "0 NOT BETWEEN 1 AND 5", "NULL IS NULL", "1 IS NOT NULL"))
                .containsExactly("[true,true,true,true]");
        assertThat(eval("'Spark' LIKE 'Sp%'", "'Spark' LIKE 'S_ark'", "'Spark' LIKE 'spark'", "'Spark' ILIKE 'spark'",
                "'a%b' LIKE 'a\\\\%b'", "'Spark' RLIKE 'ar'", "'Spark' NOT LIKE 'x%'"))
                .containsExactly("[true,true,false,true,true,true,true]");
    }

    @Test
    void caseForms() {
        assertThat(eval("CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END", "CASE 3 WHEN 1 THEN 'one' ELSE 'many' END",
                "CASE WHEN false THEN 1 END", "if(1 < 2, 'yes', 'no')"))
                .containsExactly("[b,many,null,yes]");
        assertThat(typeOf("CASE WHEN true THEN 1 ELSE 2.5D END")).isEqualTo("double");
    }

    @Test
    void castsAndTypedLiterals() {
        assertThat(eval("CAST('42' AS INT)", "CAST(3.99 AS INT)", "CAST(1 AS STRING)", "CAST('true' AS BOOLEAN)",
                "TRY_CAST('x' AS INT)", "CAST(TIMESTAMP '2022-05-09 10:05:00' AS DATE)", "DATE '2024-02-29'"))
                .containsExactly("[42,3,1,true,null,2022-05-09,2024-02-29]");
        assertThatThrownBy(() -> single("CAST('x' AS INT)")).hasMessageStartingWith("[CAST_INVALID_INPUT]");
        assertThat(single("TIMESTAMP '2022-05-09 10:05:00' + INTERVAL 1 HOUR")).isEqualTo("[2022-05-09 11:05:00.0]");
        assertThat(single("TIMESTAMP '2022-05-09 10:05:00' - INTERVAL '10 minutes'")).isEqualTo("[2022-05-09 09:55:00.0]");
    }

    @Test
    void castOfAColumnKeepsItsName() {
        assertThat(one().selectExpr("CAST(id AS STRING)", "CAST(id + 1 AS STRING)").columns())
                .containsExactly("id", "CAST((id + 1) AS STRING)");
    }

    @Test
    void currentTimestampIsConstantWithinAQuery() {
        Dataset<Row> ts = spark.range(10000).selectExpr("current_timestamp() AS t");
        assertThat(ts.distinct().count()).isEqualTo(1);
    }

    static Dataset<Row> nested() {
        StructType schema = StructType.fromDDL("id INT, s STRUCT<a: INT, b: STRING>, xs ARRAY<INT>, m MAP<STRING, INT>");
        return spark.createDataFrame(List.of(
                RowFactory.create(1, RowFactory.create(10, "x"), List.of(1, 2), java.util.Map.of("k", 5)),
                RowFactory.create(2, null, List.of(), null),
                RowFactory.create(3, RowFactory.create(30, null), null, java.util.Map.of())), schema);
    }

    @Test
    void nestedAccess() {
        Dataset<Row> out = nested().select(col("s.a"), col("s").getField("b"), col("xs").getItem(1), col("m").getItem("k"));
        assertThat(out.columns()).containsExactly("a", "b", "xs[1]", "m[k]");
        assertThat(out.collectAsList().stream().map(Object::toString))
                .containsExactly("[10,x,2,5]", "[null,null,null,null]", "[30,null,null,null]");
        assertThat(nested().select("s.*").columns()).containsExactly("a", "b");
        assertThat(nested().selectExpr("xs[0]", "s.b").collectAsList().get(0).toString()).isEqualTo("[1,x]");
    }

    @Test
    void generators() {
        assertThat(nested().select(col("id"), explode_outer(col("xs"))).collectAsList().stream().map(Object::toString))
                .containsExactly("[1,1]", "[1,2]", "[2,null]", "[3,null]");
        Dataset<Row> pos = nested().select(col("id"), posexplode(col("xs")));
        assertThat(pos.columns()).containsExactly("id", "pos", "col");
        assertThat(pos.collectAsList().stream().map(Object::toString)).containsExactly("[1,0,1]", "[1,1,2]");
        assertThat(nested().selectExpr("id", "explode(m)").columns()).containsExactly("id", "key", "value");
    }

    @Test
    void aggregatesOverNullsAndDistinct() {
        StructType schema = StructType.fromDDL("k STRING, v INT");
        Dataset<Row> ds = spark.createDataFrame(List.of(RowFactory.create("a", 1), RowFactory.create("a", null),
                RowFactory.create("a", 1), RowFactory.create("b", 3)), schema);
        Dataset<Row> out = ds.groupBy("k").agg(first(col("v")), last(col("v")), first(col("v"), true),
                collect_list(col("v")), collect_set(col("v")), functions.countDistinct("v"), functions.sum_distinct(col("v")))
                .orderBy("k");
        assertThat(out.columns()).containsExactly("k", "first(v)", "last(v)", "first(v)", "collect_list(v)",
                "collect_set(v)", "count(DISTINCT v)", "sum(DISTINCT v)");
        assertThat(out.collectAsList().stream().map(Object::toString))
                .containsExactly("[a,1,1,1,[1, 1],[1],1,1]", "[b,3,3,3,[3],[3],1,3]");
        assertThat(spark.range(0).agg(functions.sum("id"), functions.count("id")).collectAsList().get(0).toString())
                .isEqualTo("[null,0]");
    }

    @Test
    void typeMismatchesAreAnalysisErrors() {
        assertThatThrownBy(() -> single("'a' AND true")).isInstanceOf(AnalysisException.class);
        assertThatThrownBy(() -> one().select(functions.sum(functions.lit("x").cast(DataTypes.BinaryType))))
                .hasMessageStartingWith("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]");
        assertThatThrownBy(() -> single("nosuchfunction(1)")).hasMessageStartingWith("[UNRESOLVED_ROUTINE]");
    }
}
