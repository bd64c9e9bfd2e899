package dev.sluice.sql;

import static dev.sluice.sql.functions.coalesce;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.map;
import static dev.sluice.sql.functions.map_filter;
import static dev.sluice.sql.functions.map_keys;
import static dev.sluice.sql.functions.map_values;
import static dev.sluice.sql.functions.map_zip_with;
import static dev.sluice.sql.functions.transform_keys;
import static dev.sluice.sql.functions.transform_values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Higher-order functions on maps, and the map constructors they are usually combined with. Expected values are
 * computed by hand or taken from the examples of Spark 4.1's function documentation.
 */
class HigherOrderMapFunctionsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    private static Object sql(String expression) {
        return spark.sql("SELECT " + expression).collectAsList().get(0).get(0);
    }

    /** The entries of a map value in order, as "k=v" strings. */
    private static List<String> entries(Object map) {
        List<String> out = new ArrayList<>();
        ((Map<?, ?>) map).forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    @Test
    void sparkDocumentationExamples() {
        assertThat(entries(sql("map_filter(map(1, 0, 2, 2, 3, -1), (k, v) -> k > v)"))).containsExactly("1=0", "3=-1");
        assertThat(entries(sql("transform_keys(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> k + 1)")))
                .containsExactly("2=1", "3=2", "4=3");
        assertThat(entries(sql("transform_keys(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> k + v)")))
                .containsExactly("2=1", "4=2", "6=3");
        assertThat(entries(sql("transform_values(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> v + 1)")))
                .containsExactly("1=2", "2=3", "3=4");
        assertThat(entries(sql("transform_values(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> k + v)")))
                .containsExactly("1=2", "2=4", "3=6");
        assertThat(entries(sql("map_zip_with(map(1, 'a', 2, 'b'), map(1, 'x', 2, 'y'), (k, v1, v2) -> concat(v1, v2))")))
                .containsExactly("1=ax", "2=by");
        assertThat(entries(sql("map_zip_with(map('a', 1, 'b', 2), map('b', 3, 'c', 4),"
                + " (k, v1, v2) -> coalesce(v1, 0) + coalesce(v2, 0))"))).containsExactly("a=1", "b=5", "c=4");
        assertThat(sql("map_keys(map(1, 'a', 2, 'b'))")).isEqualTo(List.of(1, 2));
        assertThat(sql("map_values(map(1, 'a', 2, 'b'))")).isEqualTo(List.of("a", "b"));
    }

    static Dataset<Row> prices() {
        StructType schema = StructType.fromDDL("id INT, m MAP<STRING, INT>, o MAP<STRING, INT>");
        Map<String, Integer> withNull = new LinkedHashMap<>();
        withNull.put("a", 1);
        withNull.put("b", null);
        return spark.createDataFrame(List.of(
                RowFactory.create(1, Map.of("a", 5), Map.of("a", 1, "z", 2)),
                RowFactory.create(2, null, Map.of("a", 1)),
                RowFactory.create(3, withNull, Map.of())), schema);
    }

    @Test
    void javaLambdasOverMapsWithNullMapsAndNullValues() {
        Dataset<Row> out = prices().select(col("id"),
                transform_values(col("m"), (k, v) -> v.multiply(10)).alias("tenfold"),
                transform_keys(col("m"), (k, v) -> functions.upper(k)).alias("upper"),
                map_filter(col("m"), (k, v) -> v.isNotNull()).alias("known"),
                map_zip_with(col("m"), col("o"), (k, v1, v2) -> coalesce(v1, lit(0)).minus(coalesce(v2, lit(0))))
                        .alias("diff"),
                map_keys(col("m")).alias("keys"), map_values(col("m")).alias("values")).orderBy("id");
        assertThat(out.showString(20, 0, false)).isEqualTo("""
                +---+--------------------+-------------------+--------+-----------------+------+---------+
                |id |tenfold             |upper              |known   |diff             |keys  |values   |
                +---+--------------------+-------------------+--------+-----------------+------+---------+
                |1  |{a -> 50}           |{A -> 5}           |{a -> 5}|{a -> 4, z -> -2}|[a]   |[5]      |
                |2  |NULL                |NULL               |NULL    |NULL             |NULL  |NULL     |
                |3  |{a -> 10, b -> NULL}|{A -> 1, B -> NULL}|{a -> 1}|{a -> 1, b -> 0} |[a, b]|[1, NULL]|
                +---+--------------------+-------------------+--------+-----------------+------+---------+
                """);
    }

    @Test
    void mapZipWithCoercesKeyTypes() {
        Object zipped = sql("map_zip_with(map(1, 'a'), map(1L, 'b', 2L, 'c'), (k, v1, v2) -> concat(v1, v2))");
        assertThat(entries(zipped)).containsExactly("1=ab", "2=null");
        assertThat(((Map<?, ?>) zipped).keySet().iterator().next()).isEqualTo(1L);
    }

    @Test
    void newMapKeysFollowSparksRules() {
        assertThatThrownBy(() -> sql("transform_keys(map(1, 1, 2, 2), (k, v) -> 1)"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("[DUPLICATED_MAP_KEY] Duplicate map key 1 was found, please check the input data.\n"
                        + "If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to"
                        + " \"LAST_WIN\" so that the key inserted at last takes precedence. SQLSTATE: 23505");
        assertThatThrownBy(() -> sql("transform_keys(map(1, 1, 2, 2), (k, v) -> CASE WHEN k = 2 THEN NULL ELSE k END)"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("[NULL_MAP_KEY] Cannot use null as map key. SQLSTATE: 2200E");
        assertThatThrownBy(() -> sql("map(1, 'a', 1, 'b')")).isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("[DUPLICATED_MAP_KEY] Duplicate map key 1 was found");
        assertThatThrownBy(() -> sql("transform_keys(map(1, 1), (k, v) -> map(k, v))"))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE] Cannot resolve \"transform_keys(map(1, 1),"
                        + " lambdafunction(map(namedlambdavariable(), namedlambdavariable()), namedlambdavariable(),"
                        + " namedlambdavariable()))\" due to data type mismatch: The key of map cannot be/contain"
                        + " \"MAP<INT, INT>\". SQLSTATE: 42K09");
        assertThatThrownBy(() -> sql("map_zip_with(map(1, 1), map(array(1), 1), (k, v1, v2) -> v1)"))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES] Cannot resolve \"map_zip_with(map(1, 1),"
                        + " map(array(1), 1), lambdafunction(v1, k, v1, v2))\" due to data type mismatch: Input to the"
                        + " `map_zip_with` should have been two maps with compatible key types, but it's [\"INT\","
                        + " \"ARRAY<INT>\"]. SQLSTATE: 42K09");
    }

    @Test
    void mapResultTypesAndNullability() {
        Dataset<Row> out = prices().select(transform_values(col("m"), (k, v) -> lit(1)).alias("ones"),
                map_filter(col("m"), (k, v) -> lit(true)).alias("all"));
        assertThat(out.schema().treeString()).isEqualTo("""
                root
                 |-- ones: map (nullable = true)
                 |    |-- key: string
                 |    |-- value: integer (valueContainsNull = false)
                 |-- all: map (nullable = true)
                 |    |-- key: string
                 |    |-- value: integer (valueContainsNull = true)
                """);
        assertThat(spark.range(1).select(map(lit(1), lit("a"), lit(2), lit(null)).alias("m")).schema().treeString())
                .isEqualTo("""
                root
                 |-- m: map (nullable = false)
                 |    |-- key: integer
                 |    |-- value: string (valueContainsNull = true)
                """);
    }
}
