package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.collect_list;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code groupBy().pivot()}: Spark's column names, value order and null rules; expected values by hand. */
class PivotTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    /** Spark's documentation example, plus a year with only Java. */
    static Dataset<Row> sales() {
        StructType schema = StructType.fromDDL("year INT, course STRING, earnings INT");
        return spark.createDataFrame(List.of(
                RowFactory.create(2012, "dotNET", 10000),
                RowFactory.create(2012, "Java", 20000),
                RowFactory.create(2012, "dotNET", 5000),
                RowFactory.create(2013, "dotNET", 48000),
                RowFactory.create(2013, "Java", 30000),
                RowFactory.create(2014, "Java", 7000)), schema);
    }

    private static List<String> rows(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    @Test
    void pivotWithValuesSumsPerValue() {
        Dataset<Row> out = sales().groupBy("year").pivot("course", List.of("dotNET", "Java")).sum("earnings")
                .orderBy("year");
        assertThat(out.columns()).containsExactly("year", "dotNET", "Java");
        assertThat(rows(out)).containsExactly("[2012,15000,20000]", "[2013,48000,30000]", "[2014,null,7000]");
    }

    @Test
    void pivotWithoutValuesUsesTheSortedDistinctValues() {
        // "Java" sorts before "dotNET" (upper case first); a missing combination counts null, not 0
        Dataset<Row> out = sales().groupBy("year").pivot("course").count().orderBy("year");
        assertThat(out.columns()).containsExactly("year", "Java", "dotNET");
        assertThat(rows(out)).containsExactly("[2012,1,2]", "[2013,1,1]", "[2014,1,null]");
        assertThat(out.schema().treeString()).isEqualTo("""
                root
                 |-- year: integer (nullable = true)
                 |-- Java: long (nullable = true)
                 |-- dotNET: long (nullable = true)
                """);
    }

    @Test
    void severalAggregatesAreNamedValueUnderscoreAggregate() {
        Dataset<Row> out = sales().groupBy(col("year")).pivot(col("course"), List.of("Java", "Scala"))
                .agg(sum("earnings"), max("earnings").as("top")).orderBy("year");
        assertThat(out.columns()).containsExactly("year", "Java_sum(earnings)", "Java_top", "Scala_sum(earnings)",
                "Scala_top");
        assertThat(rows(out)).containsExactly("[2012,20000,20000,null,null]", "[2013,30000,30000,null,null]",
                "[2014,7000,7000,null,null]");
    }

    @Test
    void nonNumericAggregatesReadOnlyTheMatchingRows() {
        // collect_list is not spread from a first aggregation: a missing combination gives an empty array
        Dataset<Row> out = sales().groupBy("year").pivot("course", List.of("dotNET")).agg(collect_list("earnings"))
                .orderBy("year");
        assertThat(rows(out)).containsExactly("[2012,[10000, 5000]]", "[2013,[48000]]", "[2014,[]]");
        // pivot values are cast to the pivot column's type, and named by their text
        Dataset<Row> byYear = sales().groupBy("course").pivot("year", List.of(2012L, "2014")).sum("earnings")
                .orderBy("course");
        assertThat(byYear.columns()).containsExactly("course", "2012", "2014");
        assertThat(rows(byYear)).containsExactly("[Java,20000,7000]", "[dotNET,15000,null]");
    }

    @Test
    void pivotTwiceIsRejected() {
        assertThatThrownBy(() -> sales().groupBy("year").pivot("course", List.of("Java")).pivot("year",
                List.of(2012))).isInstanceOf(SluiceException.class)
                .hasMessage("[REPEATED_CLAUSE] The PIVOT clause may be used at most once per SUBQUERY operation."
                        + " SQLSTATE: 42614");
    }

    @Test
    void shortcutsWithoutNamesUseEveryNumericColumn() {
        Dataset<Row> out = sales().groupBy("course").sum().orderBy("course");
        assertThat(out.columns()).containsExactly("course", "sum(year)", "sum(earnings)");
        assertThat(rows(out)).containsExactly("[Java,6039,57000]", "[dotNET,6037,63000]");
        Dataset<Row> pivoted = sales().groupBy("year").pivot("course", List.of("Java")).max().orderBy("year");
        assertThat(pivoted.columns()).containsExactly("year", "Java_max(year)", "Java_max(earnings)");
        assertThatThrownBy(() -> sales().groupBy("year").sum("course")).isInstanceOf(AnalysisException.class)
                .hasMessage("\"course\" is not a numeric column. Aggregation function can only be applied on a numeric"
                        + " column.")
                .satisfies(e -> assertThat(((AnalysisException) e).getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_1323"));
    }
}
