package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.StructType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expressions a new user typed that used to escape as raw JVM exceptions (issue 15), each now answered as
 * Spark 4.1 answers: a value, or the error class and text of Spark's error-conditions.json, raised when the
 * Dataset is built wherever Spark raises it at analysis.
 */
class BadExpressionInputTest {
    private static SluiceSession spark;
    private static Dataset<Row> df;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        StructType schema = StructType.fromDDL("a INT, i BOOLEAN, b STRING, d DATE, e ARRAY<INT>,"
                + " f MAP<STRING, INT>, j DATE");
        df = spark.createDataFrame(List.of(RowFactory.create(1, true, "x", LocalDate.of(2024, 1, 1), List.of(1, 2),
                Map.of("k", 1), LocalDate.of(2024, 1, 1))), schema);
    }

    private static String single(String expression) {
        return df.selectExpr(expression).collectAsList().get(0).get(0).toString();
    }

    /** Asserts that building (not running) the Dataset fails with {@code condition}. */
    private static AbstractThrowableAssert<?, ? extends Throwable> analysisFails(String expression, String condition) {
        return assertThatThrownBy(() -> df.selectExpr(expression))
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.getCondition()).isEqualTo(condition));
    }

    /** Asserts that the expression fails (when built, or at the latest when run) with {@code condition}. */
    private static AbstractThrowableAssert<?, ? extends Throwable> runFails(String expression, String condition) {
        return assertThatThrownBy(() -> df.selectExpr(expression).collectAsList())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition()).isEqualTo(condition));
    }

    @Test
    void percentileArgumentsOfTheWrongTypeOrNullFailAtAnalysis() {
        // found by the expression fuzzer: a string percentage used to escape as a ClassCastException
        analysisFails("percentile_approx(a, 'x')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
                .hasMessageContaining("The second parameter requires the (\"DOUBLE\" or \"ARRAY<DOUBLE>\") type");
        analysisFails("percentile_approx(a, 0.5, 'x')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
                .hasMessageContaining("The third parameter requires the \"INTEGRAL\" type");
        analysisFails("percentile_approx(a, NULL)", "DATATYPE_MISMATCH.UNEXPECTED_NULL")
                .hasMessageContaining("The `percentage` must not be null.");
        analysisFails("percentile_approx(a, 0.5, NULL)", "DATATYPE_MISMATCH.UNEXPECTED_NULL")
                .hasMessageContaining("The `accuracy` must not be null.");
    }

    @Test
    void mapsHaveNoEqualityNorOrderingAsInSpark() {
        // Spark 4.1: every binary comparison checks orderability; `a != b` is NOT(a = b), so it names `=`
        analysisFails("f = f", "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE").hasMessageContaining(
                "Cannot resolve \"(f = f)\" due to data type mismatch: The `=` does not support ordering on type"
                        + " \"MAP<STRING, INT>\".");
        analysisFails("f <=> f", "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE")
                .hasMessageContaining("The `<=>` does not support ordering on type \"MAP<STRING, INT>\".");
        analysisFails("f != f", "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE")
                .hasMessageContaining("The `=` does not support ordering on type \"MAP<STRING, INT>\".");
        analysisFails("f < f", "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE")
                .hasMessageContaining("The `<` does not support ordering on type \"MAP<STRING, INT>\".");
        assertThat(single("e = e")).isEqualTo("true"); // arrays are orderable
    }

    @Test
    void chainsAThousandDeepEvaluate() {
        assertThat(single("a" + " + a".repeat(998))).isEqualTo("999");
        assertThat(single("i" + " AND i".repeat(998))).isEqualTo("true");
        assertThat(single("NOT ".repeat(999) + "i")).isEqualTo("false");
        assertThat(single("b" + " || b".repeat(998))).isEqualTo("x".repeat(999));
        assertThat(df.filter("i" + " OR i".repeat(998)).count()).isEqualTo(1);
        assertThat(df.select(functions.expr("- ".repeat(999) + "a")).collectAsList().get(0).getInt(0)).isEqualTo(-1);
    }

    @Test
    void nestingBeyondTheStackIsTooComplexToParse() {
        String nested = "(".repeat(200_000) + "a" + ")".repeat(200_000);
        assertThatThrownBy(() -> df.selectExpr(nested))
                .isInstanceOfSatisfying(dev.sluice.sql.catalyst.parser.ParseException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("FAILED_TO_PARSE_TOO_COMPLEX"))
                .hasMessageStartingWith("[FAILED_TO_PARSE_TOO_COMPLEX] The statement, including potential SQL"
                        + " functions and referenced views, was too complex to parse.\nTo mitigate this error divide"
                        + " the statement into multiple, less complex chunks. SQLSTATE: 54001");
        assertThatThrownBy(() -> df.selectExpr("a" + " + a".repeat(5000)))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("FAILED_TO_PARSE_TOO_COMPLEX"));
    }

    @Test
    void syntaxErrorsAreSluiceParseExceptions() {
        assertThatThrownBy(() -> df.selectExpr("a +"))
                .isInstanceOfSatisfying(dev.sluice.sql.catalyst.parser.ParseException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("PARSE_SYNTAX_ERROR"))
                .hasMessageStartingWith("[PARSE_SYNTAX_ERROR] Syntax error at or near end of input");
        assertThatThrownBy(() -> StructType.fromDDL("a INT,, b"))
                .isInstanceOf(dev.sluice.sql.catalyst.parser.ParseException.class);
    }

    @Test
    void functionsCalledWithoutArgumentsAreWrongNumArgs() {
        analysisFails("isnotnull()", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION")
                .hasMessage("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `isnotnull` requires 1 parameters but the actual"
                        + " number is 0. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html'"
                        + " for a fix. SQLSTATE: 42605");
        for (String call : List.of("isnull()", "first()", "last()", "first_value()", "last_value()", "collect_list()",
                "collect_set()", "negative()", "positive()", "mod()", "div(a)", "casewhen()")) {
            analysisFails(call, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
        }
    }

    @Test
    void windowFunctionsWithoutOverFailWhenTheDatasetIsBuilt() {
        analysisFails("row_number()", "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE")
                .hasMessage("[WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE] Window function \"row_number()\" requires an OVER"
                        + " clause. SQLSTATE: 42601");
        analysisFails("dense_rank() + 1", "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE");
        analysisFails("lead(a)", "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE");
        // as an argument that must be constant (found by the long fuzz run: evaluated while building, before)
        analysisFails("bround(a, abs(lag(1)))", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
        assertThat(single("row_number() OVER (ORDER BY a)")).isEqualTo("1");
    }

    @Test
    void windowFunctionsWithoutOverFailAtStartOfAStreamingQueryDefinition() {
        Dataset<Row> stream = dev.sluice.stream.connector.MemoryStream.of(spark, StructType.fromDDL("value BIGINT"))
                .toDF();
        assertThatThrownBy(() -> stream.selectExpr("row_number()"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE"));
        assertThatThrownBy(() -> stream.selectExpr("explode(array(value)) + 1"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS"));
    }

    @Test
    void generatorsNestedInExpressionsAreRejected() {
        analysisFails("explode(e)+explode(e)", "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS")
                .hasMessage("[UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS] The generator is not supported: nested in"
                        + " expressions \"(explode(e) + explode(e))\". SQLSTATE: 42K0E");
        analysisFails("max(explode(e))", "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS")
                .hasMessageContaining("\"max(explode(e))\"");
        assertThat(df.selectExpr("explode(e) AS v").count()).isEqualTo(2);
        // a generator over an aggregate runs after it, as Spark (found by the long fuzz run: a run-time error before)
        assertThat(df.selectExpr("explode(collect_list(a)) AS v", "count(1) AS n").collectAsList().toString())
                .isEqualTo("[[1,1]]");
        assertThat(df.selectExpr("explode(collect_list(a)) AS v").schema().fieldNames()).containsExactly("v");
    }

    @Test
    void nonWindowFunctionsWithOverAreRejected() {
        analysisFails("now() OVER (ORDER BY a)", "UNSUPPORTED_EXPR_FOR_WINDOW")
                .hasMessage("[UNSUPPORTED_EXPR_FOR_WINDOW] Expression \"now()\" not supported within a window"
                        + " function. SQLSTATE: 42P20");
        analysisFails("array() OVER (PARTITION BY b)", "UNSUPPORTED_EXPR_FOR_WINDOW");
        // found by the fuzz test: an aggregate inside a window aggregate reached the window operator unevaluated
        analysisFails("avg(avg(a)) OVER (ORDER BY a)", "NESTED_AGGREGATE_FUNCTION");
        // an aggregate under a window function groups the whole input: `a` is then not grouped (Spark's answer)
        analysisFails("lag(avg(a)) OVER (ORDER BY a)", "MISSING_AGGREGATION");
    }

    @Test
    void yearPatternsTooLongForTheFormatterAreSparksPatternRecognitionError() {
        runFails("date_format(d, 'GGGGGyyyyyyyyyyyyy')",
                "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION")
                .hasMessage("[INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION] You may get a different"
                        + " result due to the upgrading to Spark >= 3.0:\nFail to recognize 'GGGGGyyyyyyyyyyyyy' pattern"
                        + " in the DateTimeFormatter.\n1) You can set \"spark.sql.legacy.timeParserPolicy\" to \"LEGACY\""
                        + " to restore the behavior before Spark 3.0.\n2) You can form a valid datetime pattern with the"
                        + " guide from 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'."
                        + " SQLSTATE: 42K0B");
        runFails("date_format(d, 'yyyyyyy')", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION");
        runFails("date_format(d, 'MMMMM')", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION");
        assertThat(single("date_format(d, 'yyyyyy-MM')")).isEqualTo("002024-01");
        assertThat(single("date_format(d, 'MMMM yyyy')")).isEqualTo("January 2024");
    }

    @Test
    void malformedRegexIsInvalidParameterValue() {
        assertThatThrownBy(() -> df.selectExpr("b RLIKE '(?<'").collectAsList())
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("INVALID_PARAMETER_VALUE.PATTERN"))
                .hasMessage("[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s) `regexp` in `rlike` is invalid:"
                        + " '(?<'. SQLSTATE: 22023");
    }

    @Test
    void rlikeOverArraysAndMapsIsADatatypeMismatch() {
        analysisFails("e RLIKE f", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
                .hasMessage("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"e RLIKE f\" due to data type"
                        + " mismatch: The first parameter requires the \"STRING\" type, however \"e\" has the type"
                        + " \"ARRAY<INT>\". SQLSTATE: 42K09");
        analysisFails("b LIKE f", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
                .hasMessageContaining("The second parameter requires the \"STRING\" type");
        assertThat(single("a RLIKE '^1$'")).isEqualTo("true");
    }

    @Test
    void dateAddBeyondTheDateRangeIsDatetimeOverflow() {
        runFails("date_add(j, 2147483647)", "DATETIME_OVERFLOW")
                .hasMessage("[DATETIME_OVERFLOW] Datetime operation overflow: add 2147483647 DAY to DATE '2024-01-01'."
                        + " SQLSTATE: 22008");
        runFails("date_sub(j, -2147483648)", "DATETIME_OVERFLOW");
        assertThat(single("date_add(j, 366)")).isEqualTo("2025-01-01");
    }

    @Test
    void fromUnixtimeOfHugeSecondsReturnsSparksWrappedValue() {
        // Spark multiplies by 1,000,000 without a check: Long.MAX_VALUE seconds wraps to -1,000,000 microseconds.
        assertThat(single("from_unixtime(9223372036854775807)")).isEqualTo("1969-12-31 23:59:59");
        assertThat(single("from_unixtime(0)")).isEqualTo("1970-01-01 00:00:00");
    }

    @Test
    void stringsBeyondTheArrayLimitAreRefusedNotOutOfMemory() {
        // found by the long fuzz run: OutOfMemoryError before
        runFails("lpad(b, 2147483647)", "COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER")
                .hasMessageContaining("`len` in the function `lpad`");
        runFails("repeat(b, 2147483647)", "COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER");
        assertThat(single("lpad(b, 4, '-')")).isEqualTo("---x");
        assertThat(single("repeat(b, 3)")).isEqualTo("xxx");
    }

    @Test
    void regexpReplaceChecksItsPositionAtAnalysis() {
        // found by the long fuzz run (IllegalArgumentException when the query ran)
        analysisFails("regexp_replace(b, 'x', 'y', -7)", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE")
                .hasMessageContaining("The position must be between (0, 2147483647] (current value = -7).");
        analysisFails("regexp_replace(b, 'x', 'y', a)", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
        assertThat(single("regexp_replace(b, 'x', 'y', 1)")).isEqualTo("y");
    }

    @Test
    void roundingToExtremeScalesIsZeroOrTheValue() {
        // found by the long fuzz run (ArithmeticException "Underflow" from BigDecimal before)
        assertThat(single("bround(a, -2147483648)")).isEqualTo("0");
        assertThat(single("round(1234.5D, -2147483648)")).isEqualTo("0.0");
        assertThat(single("round(1234.5D, 2147483647)")).isEqualTo("1234.5");
        assertThat(single("round(1250, -2)")).isEqualTo("1300");
    }

    @Test
    void hashOfAnIntervalIsSparksMurmur3OfItsFields() {
        // found by the long fuzz run (ClassCastException before); Spark folds months, days, microseconds:
        // hashInt(0, hashInt(1, hashLong(0, 42))), computed by hand with Murmur3_x86_32
        assertThat(single("hash(INTERVAL 1 DAY)")).isEqualTo("-1328321721");
        assertThat(single("hash(1)")).isEqualTo("-559580957");
        // and intervals have no order (UnsupportedOperationException when the query ran, before)
        analysisFails("max(INTERVAL 1 DAY)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    }

    @Test
    void sessionWindowInAPlainProjectionIsEachRowsOwnSession() {
        Dataset<Row> events = spark.createDataFrame(List.of(RowFactory.create(
                java.time.Instant.parse("2024-01-01T10:00:00Z"))), StructType.fromDDL("t TIMESTAMP"));
        assertThat(events.selectExpr("session_window(t, '5 minutes').end AS e").collectAsList().get(0).get(0)
                .toString()).isEqualTo("2024-01-01 10:05:00.0");
    }
}
