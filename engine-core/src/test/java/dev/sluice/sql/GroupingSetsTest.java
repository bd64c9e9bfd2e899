package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.grouping;
import static dev.sluice.sql.functions.grouping_id;
import static dev.sluice.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rollup} and {@code cube} with {@code grouping} and {@code grouping_id}; expected rows by hand. */
class GroupingSetsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    static Dataset<Row> sales() {
        StructType schema = StructType.fromDDL("a STRING, b STRING, x INT");
        return spark.createDataFrame(List.of(RowFactory.create("p", "u", 1), RowFactory.create("p", "v", 2),
                RowFactory.create("q", "u", 4)), schema);
    }

    private static List<String> rows(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    @Test
    void rollupAddsSubtotalsAndAGrandTotal() {
        Dataset<Row> out = sales().rollup("a", "b").agg(sum("x"), grouping("a"), grouping_id())
                .orderBy(col("`grouping_id()`"), col("a"), col("b"));
        assertThat(out.columns()).containsExactly("a", "b", "sum(x)", "grouping(a)", "grouping_id()");
        assertThat(rows(out)).containsExactly("[p,u,1,0,0]", "[p,v,2,0,0]", "[q,u,4,0,0]", "[p,null,3,0,1]",
                "[q,null,4,0,1]", "[null,null,7,1,3]");
        assertThat(out.schema().treeString()).isEqualTo("""
                root
                 |-- a: string (nullable = true)
                 |-- b: string (nullable = true)
                 |-- sum(x): long (nullable = true)
                 |-- grouping(a): byte (nullable = false)
                 |-- grouping_id(): long (nullable = false)
                """);
    }

    @Test
    void cubeGroupsByEverySubset() {
        Dataset<Row> out = sales().cube(col("a"), col("b")).count()
                .orderBy(col("a").asc_nulls_last(), col("b").asc_nulls_last());
        assertThat(rows(out)).containsExactly("[p,u,1]", "[p,v,1]", "[p,null,2]", "[q,u,1]", "[q,null,1]",
                "[null,u,2]", "[null,v,1]", "[null,null,3]");
    }

    @Test
    void groupingOutsideRollupOrCubeAndOfOtherColumnsFails() {
        assertThatThrownBy(() -> sales().groupBy("a").agg(grouping("a"))).isInstanceOf(AnalysisException.class)
                .hasMessage("[UNSUPPORTED_GROUPING_EXPRESSION] grouping()/grouping_id() can only be used with"
                        + " GroupingSets/Cube/Rollup. SQLSTATE: 42K0E");
        assertThatThrownBy(() -> sales().rollup("a").agg(grouping("b"))).isInstanceOf(AnalysisException.class)
                .hasMessage("[GROUPING_COLUMN_MISMATCH] Column of grouping (b) can't be found in grouping columns a."
                        + " SQLSTATE: 42803");
    }
}
