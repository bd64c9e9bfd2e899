package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Dataset.stat()}: expected values computed by hand. */
class DataFrameStatFunctionsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    static Dataset<Row> points() {
        StructType schema = StructType.fromDDL("x INT, y DOUBLE, label STRING");
        return spark.createDataFrame(List.of(RowFactory.create(1, 2.0, "a"), RowFactory.create(2, 4.0, "b"),
                RowFactory.create(3, 6.0, "a"), RowFactory.create(4, 9.0, "a")), schema);
    }

    @Test
    void corrAndCovAreThePearsonAndSampleStatistics() {
        // deviations of x: -1.5 -0.5 0.5 1.5, of y: -3.25 -1.25 0.75 3.75; products sum to 11.5
        assertThat(points().stat().cov("x", "y")).isCloseTo(11.5 / 3, within(1e-12));
        assertThat(points().stat().corr("x", "y")).isCloseTo(11.5 / Math.sqrt(5 * 26.75), within(1e-12));
        // a null is read as 0: x = 0, 2 gives a covariance of 2 with y = 2, 4
        StructType schema = StructType.fromDDL("x INT, y DOUBLE");
        Dataset<Row> withNull = spark.createDataFrame(List.of(RowFactory.create(null, 2.0),
                RowFactory.create(2, 4.0)), schema);
        assertThat(withNull.stat().cov("x", "y")).isEqualTo(2.0);
        Dataset<Row> single = withNull.limit(1);
        assertThat(single.stat().corr("x", "y")).isNaN();
        assertThat(single.stat().cov("x", "y")).isEqualTo(0.0);
        assertThatThrownBy(() -> points().stat().corr("x", "y", "spearman"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requirement failed: Currently only the"
                        + " calculation of the Pearson Correlation coefficient is supported.");
        assertThatThrownBy(() -> points().stat().cov("x", "label")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requirement failed: Currently covariance calculation for columns with dataType string"
                        + " not supported.");
    }

    @Test
    void approxQuantileSkipsNullAndNaN() {
        StructType schema = StructType.fromDDL("v DOUBLE");
        Dataset<Row> values = spark.createDataFrame(List.of(RowFactory.create(4.0), RowFactory.create(Double.NaN),
                RowFactory.create(1.0), RowFactory.create((Object) null), RowFactory.create(3.0),
                RowFactory.create(2.0)), schema);
        assertThat(values.stat().approxQuantile("v", new double[] {0, 0.5, 0.75, 1}, 0))
                .containsExactly(1.0, 2.0, 3.0, 4.0);
        double[][] both = points().stat().approxQuantile(new String[] {"x", "y"}, new double[] {0.5}, 0.01);
        assertThat(both[0]).containsExactly(2.0);
        assertThat(both[1]).containsExactly(4.0);
        assertThat(values.filter("v > 10").stat().approxQuantile("v", new double[] {0.5}, 0)).isEmpty();
    }

    @Test
    void crosstabCountsPairsWithZeroForMissingOnes() {
        StructType schema = StructType.fromDDL("a STRING, b INT");
        Dataset<Row> pairs = spark.createDataFrame(List.of(RowFactory.create("x", 1), RowFactory.create("x", 2),
                RowFactory.create("y", 1), RowFactory.create("y", 1), RowFactory.create(null, 3)), schema);
        Dataset<Row> table = pairs.stat().crosstab("a", "b").orderBy("a_b");
        assertThat(table.columns()).containsExactly("a_b", "1", "2", "3");
        assertThat(table.collectAsList().stream().map(Object::toString))
                .containsExactly("[null,0,0,1]", "[x,1,1,0]", "[y,2,0,0]");
    }

    @Test
    void freqItemsKeepsTheFrequentItems() {
        Dataset<Row> items = points().stat().freqItems(new String[] {"label", "x"}, 0.4);
        assertThat(items.columns()).containsExactly("label_freqItems", "x_freqItems");
        Row row = items.first();
        assertThat(row.<String>getList(0)).contains("a");
        assertThat(points().stat().freqItems(new String[] {"x"}).first().<Integer>getList(0))
                .containsExactlyInAnyOrder(1, 2, 3, 4);
    }
}
