package dev.sluice.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.ReaderTestSupport;
import dev.sluice.sql.DataFrameReader;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spark's CSV reader options, each through {@code session.read().csv(...)} on real files. */
class CsvOptionsTest extends ReaderTestSupport {
    private String file(String content) throws IOException {
        return file(".csv", content);
    }

    private static List<String> rows(DataFrameReader reader, String path) {
        return rows(reader.csv(path));
    }

    @Test
    void enforceSchemaFalseChecksTheHeaderAgainstTheSchemaByPosition() throws IOException {
        String path = file("id,label\n1,a\n");
        StructType schema = StructType.fromDDL("id INT, name STRING");
        // enforced (default): the user schema wins, the header is skipped
        assertThat(rows(spark.read().schema(schema).option("header", "true"), path)).containsExactly("[1,a]");
        assertThatThrownBy(() -> spark.read().schema(schema).option("header", "true").option("enforceSchema", "false")
                .csv(path).collectAsList())
                .hasMessageContaining("CSV header does not conform to the schema.")
                .hasMessageContaining("Expected: name but found: label").hasMessageContaining("CSV file: file:");
        assertThatThrownBy(() -> spark.read().schema("id INT").option("header", "true").option("enforceSchema", "false")
                .csv(path).collectAsList())
                .hasMessageContaining("Header length: 2, schema size: 1");
        assertThat(rows(spark.read().schema("ID INT, LABEL STRING").option("header", "true")
                .option("enforceSchema", "false"), path)).containsExactly("[1,a]");
    }

    @Test
    void samplingRatioTypesOnlyASampleOfTheRecords() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(i == 1500 ? "x" : Integer.toString(i)).append('\n');
        }
        String path = file(text.toString());
        assertThat(spark.read().option("inferSchema", "true").csv(path).schema().simpleString())
                .isEqualTo("struct<_c0:string>");
        assertThat(spark.read().option("inferSchema", "true").option("samplingRatio", "0.01").csv(path).schema()
                .simpleString()).isEqualTo("struct<_c0:int>");
        assertThatThrownBy(() -> spark.read().option("inferSchema", "true").option("samplingRatio", "0").csv(path))
                .hasMessageContaining("samplingRatio");
    }

    @Test
    void nanValueAndInfinitiesAreReadAndInferredAsDoubles() throws IOException {
        String path = file("nope\nplus\nminus\n1.5\nNaN\n");
        DataFrameReader reader = spark.read().option("nanValue", "nope").option("positiveInf", "plus")
                .option("negativeInf", "minus");
        assertThat(rows(reader.schema("d DOUBLE"), path)).containsExactly("[NaN]", "[Infinity]", "[-Infinity]", "[1.5]",
                "[NaN]");
        assertThat(rows(reader.schema("f FLOAT"), path)).containsExactly("[NaN]", "[Infinity]", "[-Infinity]", "[1.5]",
                "[NaN]");
        assertThat(spark.read().option("inferSchema", "true").option("nanValue", "nope").option("positiveInf", "plus")
                .option("negativeInf", "minus").csv(path).schema().simpleString()).isEqualTo("struct<_c0:double>");
        assertThat(rows(spark.read().schema("d DOUBLE"), file("Inf\n-Inf\n"))).containsExactly("[Infinity]", "[-Infinity]");
    }

    @Test
    void whiteSpaceIsKeptUnlessTheIgnoreOptionsTrimIt() throws IOException {
        String path = file("  a  ,  b\n");
        StructType schema = StructType.fromDDL("x STRING, y STRING");
        assertThat(rows(spark.read().schema(schema), path)).containsExactly("[  a  ,  b]");
        assertThat(rows(spark.read().schema(schema).option("ignoreLeadingWhiteSpace", "true"), path))
                .containsExactly("[a  ,b]");
        assertThat(rows(spark.read().schema(schema).option("ignoreTrailingWhiteSpace", "true"), path))
                .containsExactly("[  a,  b]");
    }

    @Test
    void lineSepSplitsRecordsOnOneCharacter() throws IOException {
        String path = file("1,a\nb|2,c|");
        assertThat(rows(spark.read().schema("n INT, s STRING").option("lineSep", "|"), path))
                .containsExactly("[1,a\nb]", "[2,c]");
        assertThatThrownBy(() -> spark.read().schema("n INT").option("lineSep", "||").csv(path).collectAsList())
                .hasMessageContaining("'lineSep' can contain only 1 character.");
    }

    @Test
    void commentLinesAreSkippedAndEmptyQuotedValuesReadAsEmptyValue() throws IOException {
        String path = file("#ignored,line\n1,\"\"\n2,\n");
        // a quoted empty value is emptyValue (empty by default), which then equals the default nullValue
        assertThat(rows(spark.read().schema("n INT, s STRING").option("comment", "#"), path))
                .containsExactly("[1,null]", "[2,null]");
        assertThat(rows(spark.read().schema("n INT, s STRING").option("comment", "#").option("emptyValue", "EMPTY"),
                path)).containsExactly("[1,EMPTY]", "[2,null]");
        assertThat(rows(spark.read().schema("n STRING, s STRING"), path)).hasSize(3); // no comment character by default
    }

    @Test
    void unescapedQuoteHandlingDecidesWhatTextAfterAClosingQuoteBecomes() throws IOException {
        String path = file("\"a\"b,c\n");
        StructType schema = StructType.fromDDL("x STRING, y STRING");
        assertThat(rows(spark.read().schema(schema), path)).containsExactly("[ab,c]");
        assertThat(rows(spark.read().schema(schema).option("unescapedQuoteHandling", "STOP_AT_DELIMITER"), path))
                .containsExactly("[\"a\"b,c]");
        assertThat(rows(spark.read().schema(schema).option("unescapedQuoteHandling", "SKIP_VALUE"), path))
                .containsExactly("[null,c]");
        assertThat(rows(spark.read().schema(schema).option("unescapedQuoteHandling", "RAISE_ERROR")
                .option("mode", "DROPMALFORMED"), path)).isEmpty();
        assertThatThrownBy(() -> spark.read().schema(schema).option("unescapedQuoteHandling", "whatever").csv(path))
                .hasMessageContaining("unescapedQuoteHandling");
    }
}
