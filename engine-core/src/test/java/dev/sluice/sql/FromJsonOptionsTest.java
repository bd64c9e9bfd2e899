package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.from_json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * from_json's options map: Spark 4.1's JSON stream-read limits ({@code maxStringLen}, {@code maxNumLen},
 * {@code maxNestingDepth}, from {@code JSONOptions}) and {@code mode}. A value beyond a limit is a malformed
 * record as in Spark (Jackson's {@code StreamConstraintsException} is a {@code JsonProcessingException}, which
 * Spark's {@code JacksonParser} turns into a bad record): NULL fields in PERMISSIVE mode, Spark's
 * {@code MALFORMED_RECORD_IN_PARSING} in FAILFAST mode.
 */
class FromJsonOptionsTest {
    private static final StructType SCHEMA = StructType.fromDDL("s STRING, n DOUBLE");
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[1]").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> json(String... lines) {
        return spark.createDataFrame(java.util.Arrays.stream(lines).map(l -> RowFactory.create(l)).toList(),
                StructType.fromDDL("value STRING"));
    }

    private static List<String> parsed(Dataset<Row> input, Map<String, String> options) {
        return input.select(from_json(col("value"), SCHEMA, options).alias("v")).collectAsList().stream()
                .map(Row::toString).toList();
    }

    @Test
    void aStringOverMaxStringLenIsAMalformedRecordAndALargerLimitReadsIt() {
        String big = "x".repeat(30);
        Dataset<Row> input = json("{\"s\":\"" + big + "\",\"n\":1}", "{\"s\":\"short\",\"n\":2}");
        // Spark's from_json in PERMISSIVE mode: the record that breaks a limit gives a struct of NULLs.
        assertThat(parsed(input, Map.of("maxStringLen", "10"))).containsExactly("[[null,null]]", "[[short,2.0]]");
        assertThat(parsed(input, Map.of("maxStringLen", "30"))).containsExactly("[[" + big + ",1.0]]",
                "[[short,2.0]]");
        assertThat(parsed(input, Map.of())).containsExactly("[[" + big + ",1.0]]", "[[short,2.0]]");
    }

    @Test
    void aStringBeyondJacksonsDefaultIsReadWithALargerMaxStringLen() {
        // Jackson's (and Spark's) default is 20,000,000 characters; Spark 4.1 reads larger values with the option.
        String big = "y".repeat(20_000_001);
        Dataset<Row> input = json("{\"s\":\"" + big + "\"}");
        Dataset<Row> byDefault = input.select(from_json(col("value"), SCHEMA, Map.of()).getField("s").isNull());
        assertThat(byDefault.collectAsList().get(0).getBoolean(0)).isTrue();
        Dataset<Row> withOption = input.select(functions.length(
                from_json(col("value"), SCHEMA, Map.of("maxStringLen", "25000000")).getField("s")));
        assertThat(withOption.collectAsList().get(0).getInt(0)).isEqualTo(20_000_001);
    }

    @Test
    void maxNumLenAndMaxNestingDepthAreHonoured() {
        Dataset<Row> numbers = json("{\"s\":\"a\",\"n\":123456}", "{\"s\":\"b\",\"n\":12}");
        assertThat(parsed(numbers, Map.of("maxNumLen", "4"))).containsExactly("[[null,null]]", "[[b,12.0]]");
        // depth counts the outer object: {"s":"c","x":{"y":{}}} is 3 levels deep
        Dataset<Row> nested = json("{\"s\":\"c\",\"x\":{\"y\":{}}}", "{\"s\":\"d\"}");
        assertThat(parsed(nested, Map.of("maxNestingDepth", "2"))).containsExactly("[[null,null]]", "[[d,null]]");
        assertThat(parsed(nested, Map.of("maxNestingDepth", "3"))).containsExactly("[[c,null]]", "[[d,null]]");
    }

    @Test
    void failFastModeFailsWithSparksMalformedRecordError() {
        Dataset<Row> input = json("{\"s\":\"" + "z".repeat(20) + "\",\"n\":1}");
        assertThatThrownBy(() -> parsed(input, Map.of("mode", "FAILFAST", "maxStringLen", "5")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected"
                        + " in record parsing: [null,null].\nParse Mode: FAILFAST. To process malformed records as null"
                        + " result, try setting the option 'mode' as 'PERMISSIVE'.");
        assertThat(parsed(json("{\"s\":\"ok\",\"n\":1}"), Map.of("mode", "FAILFAST"))).containsExactly("[[ok,1.0]]");
        // a field of the wrong JSON kind: PERMISSIVE keeps the rest of the record (Spark's partial result),
        // FAILFAST fails the record (a non-numeric string for a DOUBLE field used to escape as a NullPointerException)
        Dataset<Row> wrongKind = json("{\"s\":\"a\",\"n\":\"not a number\"}");
        assertThat(parsed(wrongKind, Map.of())).containsExactly("[[a,null]]");
        assertThatThrownBy(() -> parsed(wrongKind, Map.of("mode", "FAILFAST")))
                .hasMessageContaining("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION]");
    }

    @Test
    void badOptionsAreRefusedWhenTheDatasetIsBuilt() {
        Dataset<Row> input = json("{}");
        assertThatThrownBy(() -> parsed(input, Map.of("maxStringLen", "ten")))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("[INVALID_PARAMETER_VALUE.INTEGER] The value of parameter(s) `maxStringLen` in"
                        + " `from_json` is invalid: expects an integer literal, but got 'ten'.");
        assertThatThrownBy(() -> parsed(input, Map.of("maxNestingDepth", "-1")))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("`maxNestingDepth`");
        assertThatThrownBy(() -> parsed(input, Map.of("mode", "DROPMALFORMED")))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("[PARSE_MODE_UNSUPPORTED] The function `from_json` doesn't support the"
                        + " DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST.");
        assertThatThrownBy(() -> input.selectExpr("from_json(value, 's STRING', 'maxStringLen')"))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("[INVALID_OPTIONS.NON_MAP_FUNCTION]");
        assertThatThrownBy(() -> input.selectExpr("from_json(value, 's STRING', map('maxStringLen', 5))"))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("[INVALID_OPTIONS.NON_STRING_TYPE] Invalid options: A type of keys and values in"
                        + " `map()` must be string, but got \"MAP<STRING, INT>\".");
    }

    @Test
    void sqlTakesTheOptionsMap() {
        Dataset<Row> input = json("{\"s\":\"" + "w".repeat(12) + "\"}");
        List<Row> rows = input.selectExpr("from_json(value, 's STRING', map('maxStringLen', '11')) AS a",
                "from_json(value, 's STRING', map('maxStringLen', '12')) AS b").collectAsList();
        assertThat(rows.get(0).toString()).isEqualTo("[[null],[wwwwwwwwwwww]]");
    }
}
