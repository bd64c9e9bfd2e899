package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Dataset.na()}: drop, fill and replace with Spark's rules; expected rows worked out by hand. */
class DataFrameNaFunctionsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    /** Row 2 has only nulls and a NaN; row 3 a null age and height; row 4 a null flag. */
    static Dataset<Row> people() {
        StructType schema = StructType.fromDDL("name STRING, age INT, height DOUBLE, ok BOOLEAN");
        return spark.createDataFrame(List.of(
                RowFactory.create("ana", 30, 1.6, true),
                RowFactory.create(null, null, Double.NaN, null),
                RowFactory.create("bo", null, null, false),
                RowFactory.create("cy", 5, 1.1, null)), schema);
    }

    private static List<String> rows(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    @Test
    void dropCountsNullAndNaNAsMissing() {
        DataFrameNaFunctions na = people().na();
        assertThat(rows(na.drop())).containsExactly("[ana,30,1.6,true]");
        assertThat(rows(na.drop("any"))).containsExactly("[ana,30,1.6,true]");
        assertThat(rows(na.drop("ALL"))).containsExactly("[ana,30,1.6,true]", "[bo,null,null,false]",
                "[cy,5,1.1,null]");
        assertThat(rows(na.drop(new String[] {"age"}))).containsExactly("[ana,30,1.6,true]", "[cy,5,1.1,null]");
        assertThat(rows(na.drop("any", new String[] {"name", "height"})))
                .containsExactly("[ana,30,1.6,true]", "[cy,5,1.1,null]");
        assertThat(rows(na.drop("all", new String[] {"age", "height"})))
                .containsExactly("[ana,30,1.6,true]", "[cy,5,1.1,null]");
        assertThat(rows(na.drop(3))).containsExactly("[ana,30,1.6,true]", "[cy,5,1.1,null]");
        assertThat(rows(na.drop(2, new String[] {"name", "ok"}))).containsExactly("[ana,30,1.6,true]",
                "[bo,null,null,false]");
        assertThat(na.drop().columns()).containsExactly("name", "age", "height", "ok");
    }

    @Test
    void fillAppliesToColumnsOfTheValuesKind() {
        DataFrameNaFunctions na = people().na();
        assertThat(rows(na.fill(0))).containsExactly("[ana,30,1.6,true]", "[null,0,0.0,null]",
                "[bo,0,0.0,false]", "[cy,5,1.1,null]");
        // 2.5 is cast to each numeric column's type: INT 2, DOUBLE 2.5
        assertThat(rows(na.fill(2.5))).containsExactly("[ana,30,1.6,true]", "[null,2,2.5,null]",
                "[bo,2,2.5,false]", "[cy,5,1.1,null]");
        assertThat(rows(na.fill("?"))).containsExactly("[ana,30,1.6,true]", "[?,null,NaN,null]",
                "[bo,null,null,false]", "[cy,5,1.1,null]");
        assertThat(rows(na.fill(true))).containsExactly("[ana,30,1.6,true]", "[null,null,NaN,true]",
                "[bo,null,null,false]", "[cy,5,1.1,true]");
        assertThat(rows(na.fill(9L, new String[] {"age"}))).containsExactly("[ana,30,1.6,true]",
                "[null,9,NaN,null]", "[bo,9,null,false]", "[cy,5,1.1,null]");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "x");
        values.put("height", 0);
        values.put("ok", false);
        assertThat(rows(na.fill(values))).containsExactly("[ana,30,1.6,true]", "[x,null,0.0,false]",
                "[bo,null,0.0,false]", "[cy,5,1.1,false]");
        assertThat(na.fill(0).schema().treeString()).isEqualTo("""
                root
                 |-- name: string (nullable = true)
                 |-- age: integer (nullable = false)
                 |-- height: double (nullable = false)
                 |-- ok: boolean (nullable = true)
                """);
    }

    @Test
    void replaceByKindOfTheFirstKey() {
        DataFrameNaFunctions na = people().na();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("ana", "ANA");
        names.put("bo", null);
        assertThat(rows(na.replace("name", names))).containsExactly("[ANA,30,1.6,true]", "[null,null,NaN,null]",
                "[null,null,null,false]", "[cy,5,1.1,null]");
        // numbers compare as DOUBLE and apply to every numeric column named ("*": all of them)
        assertThat(rows(na.replace("*", Map.of(30, 31)))).containsExactly("[ana,31,1.6,true]",
                "[null,null,NaN,null]", "[bo,null,null,false]", "[cy,5,1.1,null]");
        assertThat(rows(na.replace(new String[] {"age", "height"}, Map.of(1.1, 2.0)))).containsExactly(
                "[ana,30,1.6,true]", "[null,null,NaN,null]", "[bo,null,null,false]", "[cy,5,2.0,null]");
        assertThat(rows(na.replace("ok", Map.of(false, true)))).containsExactly("[ana,30,1.6,true]",
                "[null,null,NaN,null]", "[bo,null,null,true]", "[cy,5,1.1,null]");
        // a string key leaves numeric columns alone
        assertThat(rows(na.replace("age", Map.of("30", "31")))).containsExactly("[ana,30,1.6,true]",
                "[null,null,NaN,null]", "[bo,null,null,false]", "[cy,5,1.1,null]");
    }

    @Test
    void badArgumentsFailWithSparksErrors() {
        DataFrameNaFunctions na = people().na();
        assertThatThrownBy(() -> na.drop("some")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("how (some) must be 'any' or 'all'");
        assertThatThrownBy(() -> na.fill(Map.of("age", new BigDecimal("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unsupported value type java.math.BigDecimal (1).");
        assertThatThrownBy(() -> na.drop(new String[] {"nope"})).isInstanceOf(AnalysisException.class)
                .satisfies(e -> assertThat(((AnalysisException) e).getCondition()).startsWith("UNRESOLVED_COLUMN"));
    }
}
