package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joins whose two sides come from one relation (Spark's {@code DeduplicateRelations}): the right side's columns get
 * fresh ids, so a condition over {@code a.t} and {@code b.t} compares two columns. Events (id, t): (0,10) (1,9)
 * (2,8) (3,7) (4,6) (5,5); a holds the even ids, b the odd ones. Expected rows by hand.
 */
class SelfJoinTest {
    private static SluiceSession spark;
    private static Dataset<Row> events;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(RowFactory.create((long) i, (long) (10 - i)));
        }
        events = spark.createDataFrame(rows, StructType.fromDDL("id BIGINT, t BIGINT"));
        events.filter("id % 2 = 0").select("id", "t").createOrReplaceTempView("self_a");
        events.filter("id % 2 = 1").select(col("id").as("bid"), col("t")).createOrReplaceTempView("self_b");
    }

    private static List<String> sorted(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).sorted().toList();
    }

    @Test
    void twoViewsOfOneRelationJoinOnTheirOwnColumns() {
        // a.t < b.t: (4,6) < (1,9) and (3,7); (2,8) < (1,9)
        assertThat(sorted(spark.sql("SELECT a.id, a.t, b.bid, b.t FROM self_a a JOIN self_b b ON a.t < b.t")))
                .containsExactly("[2,8,1,9]", "[4,6,1,9]", "[4,6,3,7]");
        assertThat(sorted(spark.sql("SELECT a.id, b.bid FROM self_a a, self_b b WHERE a.t < b.t")))
                .containsExactly("[2,1]", "[4,1]", "[4,3]");
        assertThat(sorted(spark.sql("SELECT a.id, b.bid FROM self_a a JOIN self_b b USING (t)"))).isEmpty();
    }

    @Test
    void aDatasetEqualToItsOwnColumnComparesLeftWithRightAsSparkResolvesIt() {
        Dataset<Row> left = events.select("id", "t");
        Dataset<Row> right = events.filter("t > 6").select("id", "t");
        // Spark rewrites left("id") === right("id") (one column) into left.id = right.id: ids 0..3 match themselves
        assertThat(sorted(left.join(right, left.col("id").equalTo(right.col("id"))).select(left.col("id"))))
                .containsExactly("[0]", "[1]", "[2]", "[3]");
        assertThat(left.join(right, "id").count()).isEqualTo(4);
    }
}
