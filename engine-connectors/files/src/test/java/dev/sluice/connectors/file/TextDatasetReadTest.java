package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code read().json(Dataset<String>)} and {@code read().csv(Dataset<String>)}: inference and options as the file readers'. */
class TextDatasetReadTest extends FileStreamTestSupport {

    private Dataset<String> strings(String... values) {
        return spark.createDataset(Arrays.asList(values), Encoders.STRING());
    }

    private static List<String> rows(Dataset<Row> df) {
        return df.collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void jsonStringsAreParsedWithTheInferredSchema() {
        Dataset<Row> df = spark.read().json(strings("{\"a\": 1, \"b\": \"x\"}", "{\"a\": 2.5,\n \"c\": [1, 2]}",
                "{\"b\": null}"));
        // Spark's JSON inference: fields by name; 1 and 2.5 widen to double; an array of longs
        assertThat(df.schema().simpleString()).isEqualTo("struct<a:double,b:string,c:array<bigint>>");
        List<Row> rows = df.collectAsList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getDouble(0)).isEqualTo(1.0);
        assertThat(rows.get(0).getString(1)).isEqualTo("x");
        assertThat(rows.get(1).getDouble(0)).isEqualTo(2.5);
        assertThat(rows.get(1).<Long>getList(2)).containsExactly(1L, 2L);
        assertThat(rows.get(2).isNullAt(0) && rows.get(2).isNullAt(1) && rows.get(2).isNullAt(2)).isTrue();
    }

    @Test
    void jsonStringsTakeTheReadersSchemaAndParseMode() {
        Dataset<Row> df = spark.read().schema("a INT, _corrupt_record STRING")
                .json(strings("{\"a\": 7}", "not json"));
        assertThat(rows(df)).containsExactly("[7,null]", "[null,not json]");
    }

    @Test
    void csvLinesHonourHeaderAndInferSchema() {
        Dataset<Row> df = spark.read().option("header", true).option("inferSchema", true)
                .csv(strings("id,name,score", "1,Ann,2.5", "2,Bob,3"));
        assertThat(df.schema().simpleString()).isEqualTo("struct<id:int,name:string,score:double>");
        assertThat(rows(df)).containsExactly("[1,Ann,2.5]", "[2,Bob,3.0]");
        Dataset<Row> plain = spark.read().csv(strings("x,y"));
        assertThat(plain.schema().simpleString()).isEqualTo("struct<_c0:string,_c1:string>");
    }
}
