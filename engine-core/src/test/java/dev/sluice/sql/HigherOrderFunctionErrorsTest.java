package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.exists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Analysis and execution errors of higher-order functions, with Spark 4.1's error classes and texts. */
class HigherOrderFunctionErrorsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
        spark.sql("SELECT 'abc' AS s, array(1, 2) AS xs").createOrReplaceTempView("hof_errors");
    }

    private static Object sql(String expression) {
        return spark.sql("SELECT " + expression + " FROM hof_errors").collectAsList().get(0).get(0);
    }

    @Test
    void collectionArgumentOfTheWrongType() {
        assertThatThrownBy(() -> sql("transform(s, x -> x + 1)")).isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"transform(s,"
                        + " lambdafunction((x + 1), x))\" due to data type mismatch: The first parameter requires the"
                        + " \"ARRAY\" type, however \"s\" has the type \"STRING\". SQLSTATE: 42K09");
        assertThatThrownBy(() -> sql("map_filter(xs, (k, v) -> k > v)")).isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"map_filter(xs,"
                        + " lambdafunction((k > v), k, v))\" due to data type mismatch: The first parameter requires the"
                        + " \"MAP\" type, however \"xs\" has the type \"ARRAY<INT>\". SQLSTATE: 42K09");
    }

    @Test
    void lambdaResultOfTheWrongType() {
        assertThatThrownBy(() -> sql("filter(xs, x -> x)")).isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"filter(xs,"
                        + " lambdafunction(namedlambdavariable(), namedlambdavariable()))\" due to data type mismatch:"
                        + " The second parameter requires the \"BOOLEAN\" type, however"
                        + " \"lambdafunction(namedlambdavariable(), namedlambdavariable())\" has the type \"INT\"."
                        + " SQLSTATE: 42K09");
        // The accumulator keeps the type of the start value: an INT start cannot take a DOUBLE sum.
        assertThatThrownBy(() -> sql("aggregate(array(1.5D), 0, (acc, x) -> acc + x)"))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"aggregate(array(1.5), 0,"
                        + " lambdafunction((namedlambdavariable() + namedlambdavariable()), namedlambdavariable(),"
                        + " namedlambdavariable()), lambdafunction(namedlambdavariable(), namedlambdavariable()))\" due"
                        + " to data type mismatch: The third parameter requires the \"INT\" type, however"
                        + " \"lambdafunction((namedlambdavariable() + namedlambdavariable()), namedlambdavariable(),"
                        + " namedlambdavariable())\" has the type \"DOUBLE\". SQLSTATE: 42K09");
        assertThat(sql("aggregate(array(1.5D), 0D, (acc, x) -> acc + x)")).isEqualTo(1.5);
    }

    @Test
    void lambdaCallErrors() {
        // Spark reports the lambda's own parameter count as "expects" and the function's as "got".
        assertThatThrownBy(() -> sql("transform(xs, (x, y, z) -> x)")).isInstanceOf(AnalysisException.class)
                .hasMessage("[INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH] Invalid lambda function call. A higher"
                        + " order function expects 3 arguments, but got 1. SQLSTATE: 42K0D");
        assertThatThrownBy(() -> sql("transform(xs, (x, X) -> x)")).isInstanceOf(AnalysisException.class)
                .hasMessage("[INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES] Invalid lambda function call. The"
                        + " lambda function has duplicate arguments `x`, `x`. Please, consider to rename the argument"
                        + " names or set \"spark.sql.caseSensitive\" to \"true\". SQLSTATE: 42K0D");
        assertThatThrownBy(() -> sql("upper(x -> x)")).isInstanceOf(AnalysisException.class)
                .satisfies(e -> assertThat(((AnalysisException) e).getCondition())
                        .isEqualTo("INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION"));
        assertThatThrownBy(() -> sql("transform(xs)")).isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `transform` requires 2 parameters"
                        + " but the actual number is 1.");
        assertThatThrownBy(() -> sql("transform(xs, x -> nope)")).isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION]");
    }

    @Test
    void aPlainExpressionIsALambdaThatIgnoresItsParameters() {
        assertThat(sql("transform(xs, 7)")).isEqualTo(List.of(7, 7));
        assertThat(sql("transform(NULL, x -> x)")).isNull();
    }

    @Test
    void existsStopsAtTheFirstTrueElementAsSparkDoes() {
        // 10 / 1 > 1 decides the first row before 10 / 0 would fail under ANSI mode; the second row reaches it.
        assertThat(sql("exists(array(1, 0), x -> 10 / x > 1)")).isEqualTo(true);
        assertThat(sql("forall(array(20, 0), x -> 10 / x > 1)")).isEqualTo(false);
        assertThatThrownBy(() -> sql("exists(array(0, 1), x -> 10 / x > 1)")).isInstanceOf(SluiceException.class)
                .satisfies(e -> assertThat(((SluiceException) e).getCondition()).isEqualTo("DIVIDE_BY_ZERO"));
        Dataset<Row> api = spark.table("hof_errors").select(exists(col("xs"), x -> functions.lit(10).divide(x)
                .gt(9)));
        assertThat(api.collectAsList().get(0).get(0)).isEqualTo(true);
    }

    @Test
    void arraySortComparatorErrors() {
        assertThatThrownBy(() -> sql("array_sort(xs, (l, r) -> NULL)")).isInstanceOf(AnalysisException.class)
                .satisfies(e -> assertThat(((AnalysisException) e).getCondition())
                        .isEqualTo("DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE"));
        assertThatThrownBy(() -> sql("array_sort(xs, (l, r) -> CAST(l - r AS BIGINT))"))
                .isInstanceOf(AnalysisException.class)
                .hasMessageEndingWith("due to data type mismatch: The `lambdafunction` requires return \"INT\" type,"
                        + " but the actual is \"BIGINT\" type. SQLSTATE: 42K09");
        // the sort first compares (2, 1); Spark names the first value twice
        assertThatThrownBy(() -> sql("array_sort(xs, (l, r) -> CASE WHEN r = 1 THEN NULL ELSE 0 END)"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("[COMPARATOR_RETURNS_NULL] The comparator has returned a NULL for a comparison between 2"
                        + " and 2.\nIt should return a positive integer for \"greater than\", 0 for \"equal\" and a"
                        + " negative integer for \"less than\".\nTo revert to deprecated behavior where NULL is treated"
                        + " as 0 (equal), you must set \"spark.sql.legacy.allowNullComparisonResultInArraySort\" to"
                        + " \"true\". SQLSTATE: 22004");
    }
}
