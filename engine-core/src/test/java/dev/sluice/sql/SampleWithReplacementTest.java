package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sample(true, fraction, seed)} repeats the rows Spark repeats: Commons Math's Poisson per partition, seeded
 * as Spark's PartitionwiseSampledRDD. Expected rows are real Spark 4.1.1's on {@code local[2]}
 * (spark-examples/probes/issue-16-rand/ for {@code range}, spark-examples/probes/issue-16-api/Probe2.java for the rest,
 * with their outputs).
 */
class SampleWithReplacementTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    private static List<String> rows(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    @Test
    void rangeRowsAreSparks() {
        assertThat(rows(spark.range(20).toDF().sample(true, 0.5, 3)))
                .containsExactly("[5]", "[6]", "[13]", "[14]", "[17]", "[19]");
        assertThat(rows(spark.range(10).toDF().sample(true, 1.5, 3)))
                .containsExactly("[2]", "[4]", "[6]", "[7]", "[8]", "[9]", "[9]", "[9]");
        assertThat(rows(spark.range(0, 30, 1, 4).toDF().sample(true, 0.4, 5))).containsExactly("[10]", "[10]",
                "[12]", "[12]", "[15]", "[16]", "[16]", "[19]", "[21]", "[23]", "[28]", "[29]");
    }

    @Test
    void localRowsAreSparks() {
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            data.add(RowFactory.create(i % 5 == 4 ? null : i));
        }
        Dataset<Row> local = spark.createDataFrame(data, StructType.fromDDL("i INT"));
        assertThat(rows(local.select(col("i")).sample(true, 0.8, 7))).containsExactly("[0]", "[3]", "[5]", "[6]",
                "[6]", "[6]", "[7]", "[8]", "[10]", "[10]", "[11]");
        assertThat(rows(local.select(col("i")).sample(true, 2.0, 11))).containsExactly("[2]", "[2]", "[2]", "[2]",
                "[3]", "[5]", "[5]", "[5]", "[5]", "[5]", "[6]", "[6]", "[7]", "[7]", "[7]", "[7]", "[8]", "[8]", "[8]",
                "[8]", "[null]", "[null]", "[null]", "[10]", "[11]");
    }
}
