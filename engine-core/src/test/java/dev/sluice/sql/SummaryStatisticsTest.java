package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.corr;
import static dev.sluice.sql.functions.covar_pop;
import static dev.sluice.sql.functions.covar_samp;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.percentile_approx;
import static dev.sluice.sql.functions.stddev;
import static dev.sluice.sql.functions.stddev_pop;
import static dev.sluice.sql.functions.var_pop;
import static dev.sluice.sql.functions.variance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The statistics aggregates and {@code describe()} / {@code summary()}; expected values computed by hand. */
class SummaryStatisticsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    static Dataset<Row> people() {
        StructType schema = StructType.fromDDL("name STRING, age INT, height DOUBLE, ok BOOLEAN");
        return spark.createDataFrame(List.of(
                RowFactory.create("ana", 30, 1.5, true),
                RowFactory.create("bo", 20, 2.5, false),
                RowFactory.create("cy", 10, null, true)), schema);
    }

    @Test
    void momentsOfOneAndTwoColumns() {
        StructType schema = StructType.fromDDL("g INT, x INT, y DOUBLE");
        Dataset<Row> points = spark.createDataFrame(List.of(RowFactory.create(1, 1, 2.0), RowFactory.create(1, 2, 4.0),
                RowFactory.create(1, 3, 6.0), RowFactory.create(1, 4, 9.0), RowFactory.create(2, 7, 1.0),
                RowFactory.create(2, null, 5.0)), schema);
        List<Row> rows = points.groupBy("g").agg(variance("x"), var_pop("x"), stddev("x"), stddev_pop("x"),
                covar_samp("x", "y"), covar_pop("x", "y"), corr("x", "y")).orderBy("g").collectAsList();
        // x = 1..4: mean 2.5, sum of squared deviations 5; with y: sum of products of deviations 11.5
        Row g1 = rows.get(0);
        assertThat(g1.getDouble(1)).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(g1.getDouble(2)).isEqualTo(1.25);
        assertThat(g1.getDouble(3)).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
        assertThat(g1.getDouble(4)).isCloseTo(Math.sqrt(1.25), within(1e-12));
        assertThat(g1.getDouble(5)).isCloseTo(11.5 / 3, within(1e-12));
        assertThat(g1.getDouble(6)).isCloseTo(2.875, within(1e-12));
        assertThat(g1.getDouble(7)).isCloseTo(11.5 / Math.sqrt(5 * 26.75), within(1e-12));
        // one value: the sample statistics and corr are null, the population ones 0
        assertThat(rows.get(1).toString()).isEqualTo("[2,null,0.0,null,0.0,null,0.0,null]");
        assertThat(points.groupBy("g").agg(stddev(col("x"))).columns()).containsExactly("g", "stddev(x)");
    }

    @Test
    void percentileApproxIsTheValueAtRankCeilPN() {
        Row row = people().select(percentile_approx(col("age"), lit(0.5), lit(10000)),
                percentile_approx(col("height"), functions.array(lit(0.0), lit(0.5), lit(1.0)), lit(100)))
                .first();
        assertThat(row.getInt(0)).isEqualTo(20);
        assertThat(row.getList(1)).containsExactly(1.5, 1.5, 2.5);
    }

    @Test
    void describeShowsCountMeanStddevMinMaxAsStrings() {
        Dataset<Row> described = people().describe();
        assertThat(described.showString(20, 20, false)).isEqualTo("""
                +-------+----+----+------------------+
                |summary|name| age|            height|
                +-------+----+----+------------------+
                |  count|   3|   3|                 2|
                |   mean|NULL|20.0|               2.0|
                | stddev|NULL|10.0|0.7071067811865476|
                |    min| ana|  10|               1.5|
                |    max|  cy|  30|               2.5|
                +-------+----+----+------------------+
                """);
        assertThat(described.schema().treeString()).isEqualTo("""
                root
                 |-- summary: string (nullable = true)
                 |-- name: string (nullable = true)
                 |-- age: string (nullable = true)
                 |-- height: string (nullable = true)
                """);
        assertThat(people().describe("age").columns()).containsExactly("summary", "age");
    }

    @Test
    void summaryAddsPercentilesAndTakesAnyStatistics() {
        assertThat(people().drop("name").summary().showString(20, 20, false)).isEqualTo("""
                +-------+----+------------------+
                |summary| age|            height|
                +-------+----+------------------+
                |  count|   3|                 2|
                |   mean|20.0|               2.0|
                | stddev|10.0|0.7071067811865476|
                |    min|  10|               1.5|
                |    25%|  10|               1.5|
                |    50%|  20|               1.5|
                |    75%|  30|               2.5|
                |    max|  30|               2.5|
                +-------+----+------------------+
                """);
        assertThat(people().summary("count_distinct", "90%").collectAsList().stream().map(Object::toString))
                .containsExactly("[count_distinct,3,3,2]", "[90%,null,30,2.5]");
        assertThat(people().select("ok").summary("count").collectAsList().stream().map(Object::toString))
                .containsExactly("[count]");
        assertThatThrownBy(() -> people().summary("median")).isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("[UNRECOGNIZED_STATISTIC] The statistic 'median' is not recognized.");
    }
}
