package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark normalizes floating-point grouping and join keys (SPARK-26021, {@code NormalizeFloatingNumbers}):
 * -0.0 and 0.0 are one key, shown as 0.0, and every NaN is one key. Expected rows by hand from that rule.
 */
class FloatingPointKeysTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    private static Dataset<Row> doubles(String name, Double... values) {
        StructType schema = new StructType().add(name, DataTypes.DoubleType);
        return spark.createDataFrame(Arrays.stream(values).map(v -> RowFactory.create(v)).toList(), schema);
    }

    private static List<String> sorted(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).sorted().toList();
    }

    @Test
    void negativeZeroAndEveryNaNGroupTogether() {
        Dataset<Row> d = doubles("d", -0.0, 0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), null);
        assertThat(sorted(d.groupBy("d").count())).containsExactly("[0.0,2]", "[NaN,2]", "[null,1]");
        assertThat(sorted(d.distinct())).containsExactly("[0.0]", "[NaN]", "[null]");
    }

    @Test
    void aDistinctFloatKeyReadsZeroForNegativeZero() {
        StructType schema = new StructType().add("f", DataTypes.FloatType);
        Dataset<Row> f = spark.createDataFrame(List.of(RowFactory.create(-0.0f), RowFactory.create(0.0f),
                RowFactory.create(1.5f)), schema);
        assertThat(sorted(f.distinct())).containsExactly("[0.0]", "[1.5]");
    }

    @Test
    void negativeZeroJoinsZero() {
        Dataset<Row> l = doubles("l", -0.0, 1.0);
        Dataset<Row> r = doubles("r", 0.0, 2.0);
        assertThat(sorted(l.join(r, l.col("l").equalTo(r.col("r"))))).containsExactly("[-0.0,0.0]");
    }
}
