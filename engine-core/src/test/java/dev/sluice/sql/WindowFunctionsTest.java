package dev.sluice.sql;

import static dev.sluice.sql.functions.avg;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.dense_rank;
import static dev.sluice.sql.functions.lag;
import static dev.sluice.sql.functions.lead;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.min;
import static dev.sluice.sql.functions.rank;
import static dev.sluice.sql.functions.row_number;
import static dev.sluice.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.expressions.Window;
import dev.sluice.sql.expressions.WindowSpec;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batch window functions over partitions and frames, with Spark's results. */
class WindowFunctionsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    static Dataset<Row> scores() {
        StructType schema = new StructType().add("team", DataTypes.StringType).add("player", DataTypes.StringType)
                .add("points", DataTypes.IntegerType);
        return spark.createDataFrame(List.of(
                RowFactory.create("a", "p1", 10),
                RowFactory.create("a", "p2", 30),
                RowFactory.create("a", "p3", 30),
                RowFactory.create("b", "p4", 5),
                RowFactory.create("b", "p5", 7)), schema);
    }

    static List<String> strings(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    @Test
    void rankingFunctions() {
        WindowSpec w = Window.partitionBy("team").orderBy(col("points").desc());
        Dataset<Row> out = scores().select(col("player"), row_number().over(w).alias("rn"), rank().over(w).alias("r"),
                dense_rank().over(w).alias("dr"));
        assertThat(strings(out)).containsExactly("[p2,1,1,1]", "[p3,2,1,1]", "[p1,3,3,2]", "[p5,1,1,1]", "[p4,2,2,2]");
    }

    @Test
    void lagAndLeadWithDefaults() {
        WindowSpec w = Window.partitionBy("team").orderBy("player");
        Dataset<Row> out = scores().select(col("player"), lag("points", 1).over(w).alias("prev"),
                lead(col("points"), 1, -1).over(w).alias("next"));
        assertThat(strings(out)).containsExactly("[p1,null,30]", "[p2,10,30]", "[p3,30,-1]", "[p4,null,7]", "[p5,5,-1]");
    }

    @Test
    void runningAggregatesWithRowsFrame() {
        WindowSpec w = Window.partitionBy("team").orderBy("player")
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> out = scores().select(col("player"), sum("points").over(w).alias("s"),
                count(col("points")).over(w).alias("c"), avg("points").over(w).alias("a"),
                min("points").over(w).alias("mn"), max("points").over(w).alias("mx"));
        assertThat(strings(out)).containsExactly("[p1,10,1,10.0,10,10]", "[p2,40,2,20.0,10,30]",
                "[p3,70,3,23.333333333333332,10,30]", "[p4,5,1,5.0,5,5]", "[p5,12,2,6.0,5,7]");
    }

    @Test
    void defaultFrameWithOrderByIncludesPeers() {
        // RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW: tied points share the running total.
        WindowSpec w = Window.partitionBy("team").orderBy("points");
        assertThat(strings(scores().select(col("player"), sum("points").over(w).alias("s"))))
                .containsExactly("[p1,10]", "[p2,70]", "[p3,70]", "[p4,5]", "[p5,12]");
    }

    @Test
    void slidingRowsFrameAndWholePartition() {
        WindowSpec sliding = Window.partitionBy("team").orderBy("player").rowsBetween(-1, 1);
        WindowSpec whole = Window.partitionBy("team");
        Dataset<Row> out = scores().select(col("player"), sum("points").over(sliding).alias("s3"),
                sum("points").over(whole).alias("total"));
        assertThat(strings(out)).containsExactly("[p1,40,70]", "[p2,70,70]", "[p3,60,70]", "[p4,12,12]", "[p5,12,12]");
    }

    @Test
    void sqlOverClause() {
        Dataset<Row> out = scores().selectExpr("player",
                "sum(points) OVER (PARTITION BY team ORDER BY player ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s");
        assertThat(strings(out)).containsExactly("[p1,10]", "[p2,40]", "[p3,70]", "[p4,5]", "[p5,12]");
    }
}
