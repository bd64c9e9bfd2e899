package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code except}/{@code exceptAll}/{@code intersect}/{@code intersectAll} (the examples of Spark's Dataset docs),
 * {@code toJSON}, {@code withColumns}, {@code asc}/{@code desc} by name and {@code unpersist}.
 */
class SetOperationsTest {
    private static final StructType SCHEMA = new StructType().add("C1", DataTypes.StringType)
            .add("C2", DataTypes.IntegerType);
    private static SluiceSession spark;

    @BeforeAll
    static void start() {
        spark = SluiceSession.builder().master("local[2]").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> df(Object[]... rows) {
        return spark.createDataFrame(java.util.Arrays.stream(rows).map(RowFactory::create).toList(), SCHEMA);
    }

    private static List<String> sorted(Dataset<?> ds) {
        return ds.collectAsList().stream().map(Object::toString).sorted().toList();
    }

    @Test
    void exceptAndExceptAllAsSparksDocs() {
        Dataset<Row> df1 = df(new Object[] {"a", 1}, new Object[] {"a", 1}, new Object[] {"a", 1},
                new Object[] {"a", 2}, new Object[] {"b", 3}, new Object[] {"c", 4});
        Dataset<Row> df2 = df(new Object[] {"a", 1}, new Object[] {"b", 3});
        // three (a,1) minus one leaves two
        assertThat(sorted(df1.exceptAll(df2))).containsExactly("[a,1]", "[a,1]", "[a,2]", "[c,4]");
        assertThat(sorted(df1.except(df2))).containsExactly("[a,2]", "[c,4]");
        assertThat(df1.exceptAll(df2).columns()).containsExactly("C1", "C2");
        // a Dataset minus itself is empty (the right side is told apart from the left)
        assertThat(df1.except(df1).collectAsList()).isEmpty();
    }

    @Test
    void intersectAndIntersectAllAsSparksDocs() {
        Dataset<Row> df1 = df(new Object[] {"a", 1}, new Object[] {"a", 1}, new Object[] {"b", 3},
                new Object[] {"c", 4}, new Object[] {null, 5});
        Dataset<Row> df2 = df(new Object[] {"a", 1}, new Object[] {"a", 1}, new Object[] {"b", 3},
                new Object[] {null, 5});
        assertThat(sorted(df1.intersectAll(df2))).containsExactly("[a,1]", "[a,1]", "[b,3]", "[null,5]");
        // nulls are equal here, as in Spark's null-safe rewrite
        assertThat(sorted(df1.intersect(df2))).containsExactly("[a,1]", "[b,3]", "[null,5]");
        Dataset<String> typed = spark.createDataset(List.of("x", "y", "y"), Encoders.STRING());
        assertThat(typed.intersectAll(spark.createDataset(List.of("y", "y", "z"), Encoders.STRING()))
                .collectAsList()).containsExactly("y", "y");
    }

    @Test
    void differentColumnCountsFailWithSparksError() {
        Dataset<Row> df1 = df(new Object[] {"a", 1});
        assertThatThrownBy(() -> df1.except(df1.select("C1")))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[NUM_COLUMNS_MISMATCH] EXCEPT can only be performed on inputs with the same number of"
                        + " columns, but the first input has 2 columns and the second input has 1 columns."
                        + " SQLSTATE: 42826");
    }

    @Test
    void toJsonWithColumnsAndSortByName() {
        Dataset<Row> df = df(new Object[] {"a", 1}, new Object[] {null, 2});
        // Spark leaves null fields out of the JSON
        assertThat(df.toJSON().collectAsList()).containsExactly("{\"C1\":\"a\",\"C2\":1}", "{\"C2\":2}");
        assertThat(df.toJSON().columns()).containsExactly("value");
        // a star among a function's arguments stands for the columns, as in Spark
        assertThat(df.select(functions.to_json(functions.struct(col("*")))).first().getString(0))
                .isEqualTo("{\"C1\":\"a\",\"C2\":1}");
        assertThat(df.selectExpr("to_json(struct(*)) AS j").columns()).containsExactly("j");
        assertThat(df.selectExpr("hash(*)").first().getInt(0)).isEqualTo(df.selectExpr("hash(C1, C2)").first().getInt(0));
        Map<String, Column> added = new LinkedHashMap<>();
        added.put("twice", col("C2").multiply(2));
        added.put("C1", lit("z"));
        assertThat(df.withColumns(added).collectAsList().toString()).isEqualTo("[[z,1,2], [z,2,4]]");
        assertThat(df.orderBy(functions.desc("C2")).collectAsList().toString()).isEqualTo("[[null,2], [a,1]]");
        assertThat(df.orderBy(functions.asc_nulls_last("C1")).collectAsList().toString())
                .isEqualTo("[[a,1], [null,2]]");
        assertThat(df.unpersist()).isSameAs(df);
    }
}
