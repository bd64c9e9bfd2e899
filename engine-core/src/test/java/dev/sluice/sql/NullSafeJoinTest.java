package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.exec.JoinOperator;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch joins keyed by the null-safe {@code <=>} ({@code eqNullSafe}): a hash-join key as in Spark's
 * {@code ExtractEquiJoinKeys}, where NULL matches NULL, while {@code =} keys still never match NULL.
 */
class NullSafeJoinTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    /** (k, g, l): k is NULL twice. */
    static Dataset<Row> left() {
        StructType schema = new StructType().add("k", DataTypes.IntegerType).add("g", DataTypes.StringType)
                .add("l", DataTypes.StringType);
        return spark.createDataFrame(List.of(RowFactory.create(1, "a", "l1"), RowFactory.create(null, "a", "l2"),
                RowFactory.create(null, "b", "l3"), RowFactory.create(2, null, "l4")), schema);
    }

    /** (rk, rg, r): one NULL rk. */
    static Dataset<Row> right() {
        StructType schema = new StructType().add("rk", DataTypes.IntegerType).add("rg", DataTypes.StringType)
                .add("r", DataTypes.StringType);
        return spark.createDataFrame(List.of(RowFactory.create(1, "a", "r1"), RowFactory.create(null, "a", "r2"),
                RowFactory.create(3, null, "r3"), RowFactory.create(2, null, "r4")), schema);
    }

    static List<String> sorted(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).sorted().toList();
    }

    private static Join firstJoin(LogicalPlan plan) {
        if (plan instanceof Join j) {
            return j;
        }
        return plan.children().stream().map(NullSafeJoinTest::firstJoin).filter(j -> j != null).findFirst()
                .orElse(null);
    }

    @Test
    void aNullSafeEqualityIsAnEquiJoinKey() {
        Dataset<Row> l = left();
        Dataset<Row> r = right();
        Join join = firstJoin(l.join(r, l.col("k").eqNullSafe(r.col("rk")).and(l.col("g").equalTo(r.col("rg")))
                .and(l.col("l").lt(r.col("r")))).logicalPlan());
        JoinOperator.EquiJoinKeys keys = JoinOperator.extractEquiJoinKeys(join);
        assertThat(keys.leftKeys()).hasSize(2);
        assertThat(keys.nullSafe()).containsExactly(true, false);
        assertThat(keys.otherConjuncts()).hasSize(1);
        // written right-to-left, the pair is still put in (left, right) order
        Join swapped = firstJoin(l.join(r, functions.expr("rk <=> k")).logicalPlan());
        assertThat(JoinOperator.extractEquiJoinKeys(swapped).leftKeys().get(0).sql()).contains("k")
                .doesNotContain("rk");
    }

    @Test
    void nullMatchesNullOnlyThroughNullSafeKeys() {
        Dataset<Row> l = left();
        Dataset<Row> r = right();
        assertThat(sorted(l.join(r, l.col("k").eqNullSafe(r.col("rk"))))).containsExactly(
                "[1,a,l1,1,a,r1]", "[2,null,l4,2,null,r4]", "[null,a,l2,null,a,r2]", "[null,b,l3,null,a,r2]");
        assertThat(sorted(l.join(r, l.col("k").equalTo(r.col("rk"))))).containsExactly(
                "[1,a,l1,1,a,r1]", "[2,null,l4,2,null,r4]");
        assertThat(sorted(l.join(r, functions.expr("k <=> rk AND g <=> rg")))).containsExactly(
                "[1,a,l1,1,a,r1]", "[2,null,l4,2,null,r4]", "[null,a,l2,null,a,r2]");
        // a NULL in an `=` key still rejects the pair even when the `<=>` key matches
        assertThat(sorted(l.join(r, functions.expr("k <=> rk AND g = rg")))).containsExactly(
                "[1,a,l1,1,a,r1]", "[null,a,l2,null,a,r2]");
    }

    @Test
    void outerSemiAndAntiJoinsTreatNullSafeMatchesAsMatches() {
        Dataset<Row> l = left();
        Dataset<Row> r = right();
        Column on = l.col("g").eqNullSafe(r.col("rg"));
        assertThat(sorted(l.join(r, on, "left_outer"))).containsExactly("[1,a,l1,1,a,r1]", "[1,a,l1,null,a,r2]",
                "[2,null,l4,2,null,r4]", "[2,null,l4,3,null,r3]", "[null,a,l2,1,a,r1]", "[null,a,l2,null,a,r2]",
                "[null,b,l3,null,null,null]");
        assertThat(sorted(l.join(r, on, "full_outer"))).hasSize(7).contains("[null,b,l3,null,null,null]");
        assertThat(sorted(l.join(r, l.col("k").eqNullSafe(r.col("rk")), "right_outer"))).containsExactly(
                "[1,a,l1,1,a,r1]", "[2,null,l4,2,null,r4]", "[null,a,l2,null,a,r2]", "[null,b,l3,null,a,r2]",
                "[null,null,null,3,null,r3]");
        assertThat(sorted(l.join(r, l.col("k").eqNullSafe(r.col("rk")), "left_semi")))
                .containsExactly("[1,a,l1]", "[2,null,l4]", "[null,a,l2]", "[null,b,l3]");
        assertThat(sorted(l.join(r, l.col("k").eqNullSafe(r.col("rk")), "left_anti"))).isEmpty();
        assertThat(sorted(l.join(r, l.col("k").equalTo(r.col("rk")), "left_anti")))
                .containsExactly("[null,a,l2]", "[null,b,l3]");
    }
}
