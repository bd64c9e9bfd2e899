package dev.sluice.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.ReaderTestSupport;
import dev.sluice.sql.DataFrameReader;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spark's JSON reader options, each through {@code session.read().json(...)} on real files. */
class JsonOptionsTest extends ReaderTestSupport {
    private String file(String content) throws IOException {
        return file(".json", content);
    }

    private static List<String> rows(DataFrameReader reader, String path) {
        return rows(reader.json(path));
    }

    @Test
    void dropFieldIfAllNullDropsNullOnlyFieldsAndEmptyArrays() throws IOException {
        String path = file("{\"a\":1,\"n\":null,\"e\":[],\"s\":{\"x\":null}}\n{\"a\":2,\"n\":null}\n");
        assertThat(spark.read().json(path).schema().simpleString())
                .isEqualTo("struct<a:bigint,e:array<string>,n:string,s:struct<x:string>>");
        assertThat(spark.read().option("dropFieldIfAllNull", "true").json(path).schema().simpleString())
                .isEqualTo("struct<a:bigint>");
    }

    @Test
    void primitivesAsStringAndPrefersDecimalChangeInferredTypes() throws IOException {
        String path = file("{\"i\":1,\"d\":1.25,\"b\":true}\n");
        assertThat(spark.read().json(path).schema().simpleString()).isEqualTo("struct<b:boolean,d:double,i:bigint>");
        assertThat(spark.read().option("primitivesAsString", "true").json(path).schema().simpleString())
                .isEqualTo("struct<b:string,d:string,i:string>");
        assertThat(spark.read().option("prefersDecimal", "true").json(path).schema().simpleString())
                .isEqualTo("struct<b:boolean,d:decimal(3,2),i:bigint>");
    }

    @Test
    void parserSwitchesAcceptCommentsQuotesAndUnquotedNamesOnlyWhenAllowed() throws IOException {
        String comments = file("/* c */ {\"a\":1}\n/* lead */ {\"a\":2}\n");
        assertThat(rows(spark.read().schema("a INT"), comments)).containsExactly("[null]", "[null]");
        assertThat(rows(spark.read().schema("a INT").option("allowComments", "true"), comments))
                .containsExactly("[1]", "[2]");

        String singleQuotes = file("{'a':'x'}\n");
        assertThat(rows(spark.read().schema("a STRING"), singleQuotes)).containsExactly("[x]"); // allowed by default
        assertThat(rows(spark.read().schema("a STRING").option("allowSingleQuotes", "false"), singleQuotes))
                .containsExactly("[null]");

        String unquoted = file("{a:3}\n");
        assertThat(rows(spark.read().schema("a INT"), unquoted)).containsExactly("[null]");
        assertThat(rows(spark.read().schema("a INT").option("allowUnquotedFieldNames", "true"), unquoted))
                .containsExactly("[3]");
    }

    @Test
    void lineSepSeparatesRecords() throws IOException {
        String path = file("{\"a\":1}|{\"a\":2}|");
        assertThat(rows(spark.read().schema("a INT").option("lineSep", "|"), path)).containsExactly("[1]", "[2]");
        assertThat(spark.read().option("lineSep", "|").json(path).schema().simpleString()).isEqualTo("struct<a:bigint>");
    }

    @Test
    void samplingRatioInfersFromASampleOfTheLines() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(i == 1500 ? "{\"v\":\"x\"}" : "{\"v\":" + i + "}").append('\n');
        }
        String path = file(text.toString());
        assertThat(spark.read().json(path).schema().simpleString()).isEqualTo("struct<v:string>");
        assertThat(spark.read().option("samplingRatio", "0.01").json(path).schema().simpleString())
                .isEqualTo("struct<v:bigint>");
    }
}
