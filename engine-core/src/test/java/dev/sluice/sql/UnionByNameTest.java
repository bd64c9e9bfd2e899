package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code unionByName(other, allowMissingColumns)}: the example of Spark's {@code DataFrame.unionByName} docs. */
class UnionByNameTest {
    private static final SluiceSession SPARK = SluiceSession.builder().master("local[2]").getOrCreate();

    private static Dataset<Row> df(String c1, String c2, String c3, int v1, int v2, int v3) {
        StructType schema = new StructType().add(c1, DataTypes.IntegerType).add(c2, DataTypes.IntegerType)
                .add(c3, DataTypes.IntegerType);
        return SPARK.createDataFrame(List.of(RowFactory.create(v1, v2, v3)), schema);
    }

    @Test
    void missingColumnsOnEitherSideAreNullAndTheOtherSidesExtraColumnsComeLast() {
        Dataset<Row> df1 = df("col0", "col1", "col2", 1, 2, 3);
        Dataset<Row> df2 = df("col1", "col2", "col3", 4, 5, 6);
        Dataset<Row> union = df1.unionByName(df2, true);
        assertThat(union.columns()).containsExactly("col0", "col1", "col2", "col3");
        // Spark's docs: +----+----+----+----+ / |col0|col1|col2|col3| / 1 2 3 NULL / NULL 4 5 6
        assertThat(union.collectAsList().stream().map(Row::toString).toList())
                .containsExactly("[1,2,3,null]", "[null,4,5,6]");
        assertThat(union.schema().apply("col0").nullable()).isTrue();
        assertThat(union.schema().apply("col3").dataType()).isEqualTo(DataTypes.IntegerType);
    }

    @Test
    void namesMatchCaseInsensitivelyAndWithoutTheFlagAMissingColumnStillFails() {
        Dataset<Row> df1 = df("a", "b", "c", 1, 2, 3);
        Dataset<Row> df2 = df("C", "B", "A", 6, 5, 4);
        assertThat(df1.unionByName(df2, true).collectAsList().stream().map(Row::toString).toList())
                .containsExactly("[1,2,3]", "[4,5,6]");
        Dataset<Row> df3 = df("a", "b", "d", 7, 8, 9);
        assertThatThrownBy(() -> df1.unionByName(df3, false)).isInstanceOf(AnalysisException.class);
        assertThat(df1.unionByName(df3, true).columns()).containsExactly("a", "b", "c", "d");
    }
}
