package dev.sluice.sql;

import static dev.sluice.sql.functions.avg;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.countDistinct;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.min;
import static dev.sluice.sql.functions.split;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batch Dataset API: each transformation and action against the results Spark gives. */
class DatasetApiTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    static Dataset<Row> people() {
        StructType schema = new StructType()
                .add("name", DataTypes.StringType)
                .add("dept", DataTypes.StringType)
                .add("salary", DataTypes.IntegerType)
                .add("bonus", DataTypes.DoubleType);
        return spark.createDataFrame(List.of(
                RowFactory.create("Ana", "eng", 100, 1.5),
                RowFactory.create("Bo", "eng", 80, null),
                RowFactory.create("Cy", "ops", 70, 2.0),
                RowFactory.create("Di", null, 60, 0.5)), schema);
    }

    static List<String> strings(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    @Test
    void selectProjectsExpressionsWithSparkColumnNames() {
        Dataset<Row> out = people().select(col("name"), col("salary").plus(1), col("salary").multiply(2).alias("double"));
        assertThat(out.columns()).containsExactly("name", "(salary + 1)", "double");
        assertThat(strings(out)).containsExactly("[Ana,101,200]", "[Bo,81,160]", "[Cy,71,140]", "[Di,61,120]");
    }

    @Test
    void selectExprParsesSqlWithAliases() {
        Dataset<Row> out = people().selectExpr("upper(name) AS n", "salary * 0.5 half", "bonus IS NULL");
        assertThat(out.columns()).containsExactly("n", "half", "(bonus IS NULL)");
        assertThat(out.schema().apply("half").dataType()).isEqualTo(DataTypes.createDecimalType(12, 1));
        assertThat(strings(out)).containsExactly("[ANA,50.0,false]", "[BO,40.0,true]", "[CY,35.0,false]", "[DI,30.0,false]");
    }

    @Test
    void withColumnReplacesInPlaceOrAppends() {
        Dataset<Row> out = people().withColumn("salary", col("salary").minus(10)).withColumn("one", lit(1));
        assertThat(out.columns()).containsExactly("name", "dept", "salary", "bonus", "one");
        assertThat(out.first().<Integer>getAs("salary")).isEqualTo(90);
    }

    @Test
    void renameAndDrop() {
        Dataset<Row> out = people().withColumnRenamed("dept", "department").drop("bonus", "missing");
        assertThat(out.columns()).containsExactly("name", "department", "salary");
        assertThat(people().withColumnRenamed("nope", "x").columns()).hasSize(4);
    }

    @Test
    void filterWithColumnAndSqlString() {
        assertThat(strings(people().filter(col("salary").gt(65)).select("name"))).containsExactly("[Ana]", "[Bo]", "[Cy]");
        assertThat(strings(people().where("dept = 'eng' AND bonus IS NOT NULL").select("name"))).containsExactly("[Ana]");
        // NULL conditions drop the row.
        assertThat(people().filter(col("dept").equalTo("ops").or(col("dept").notEqual("ops"))).count()).isEqualTo(3);
    }

    @Test
    void groupByAggregatesWithNullGroup() {
        Dataset<Row> out = people().groupBy("dept")
                .agg(count(lit(1)).alias("n"), sum("salary"), avg("bonus"), min("name"), max("salary"))
                .orderBy("dept");
        assertThat(out.columns()).containsExactly("dept", "n", "sum(salary)", "avg(bonus)", "min(name)", "max(salary)");
        assertThat(strings(out)).containsExactly("[null,1,60,0.5,Di,60]", "[eng,2,180,1.5,Ana,100]", "[ops,1,70,2.0,Cy,70]");
    }

    @Test
    void groupedCountAndSumShortcuts() {
        assertThat(people().groupBy("dept").count().columns()).containsExactly("dept", "count");
        assertThat(strings(people().groupBy().sum("salary"))).containsExactly("[310]");
        assertThat(strings(people().agg(countDistinct("dept"), count("bonus")))).containsExactly("[2,3]");
    }

    @Test
    void missingAggregationIsRejected() {
        assertThatThrownBy(() -> people().groupBy("dept").agg(col("name")))
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[MISSING_AGGREGATION]");
    }

    @Test
    void unresolvedColumnListsCandidates() {
        // Spark 4.1's analyzer: candidates ordered by Levenshtein distance between the quoted candidate and the
        // name (`name` 4, `dept` 6, `bonus` 6, `salary` 7; ties keep schema order), at most 5, then ";" and the
        // plan (ExtendedAnalysisException). The plan text is Sluice's own.
        assertThatThrownBy(() -> people().select("nmae"))
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("UNRESOLVED_COLUMN.WITH_SUGGESTION"))
                .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter"
                        + " with name `nmae` cannot be resolved. Did you mean one of the following? [`name`, `dept`,"
                        + " `bonus`, `salary`]. SQLSTATE: 42703;\n");
    }

    @Test
    void unresolvedColumnSuggestsAtMostFive() {
        StructType wide = new StructType().add("a1", DataTypes.IntegerType).add("a2", DataTypes.IntegerType)
                .add("b", DataTypes.IntegerType).add("a3", DataTypes.IntegerType).add("a4", DataTypes.IntegerType)
                .add("a5", DataTypes.IntegerType).add("a6", DataTypes.IntegerType);
        Dataset<Row> df = spark.createDataFrame(List.of(), wide);
        // Distances to "a": `a1`..`a6` are 3, `b` is 3 too; a stable sort keeps schema order, take(5).
        assertThatThrownBy(() -> df.select("a"))
                .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter"
                        + " with name `a` cannot be resolved. Did you mean one of the following? [`a1`, `a2`, `b`,"
                        + " `a3`, `a4`]. SQLSTATE: 42703;\n");
    }

    @Test
    void datasetColListsEveryFieldInSchemaOrder() {
        // Spark 4.1's Dataset.col resolves eagerly (Dataset.resolve): every field, schema order, no plan.
        assertThatThrownBy(() -> people().col("nmae"))
                .hasMessage("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name"
                        + " `nmae` cannot be resolved. Did you mean one of the following? [`name`, `dept`, `salary`,"
                        + " `bonus`]. SQLSTATE: 42703");
    }

    @Test
    void orderByWithDirectionsAndNullPlacement() {
        assertThat(strings(people().orderBy(col("dept").desc(), col("salary").asc()).select("name")))
                .containsExactly("[Cy]", "[Bo]", "[Ana]", "[Di]");
        assertThat(strings(people().sort("dept").select("name"))).containsExactly("[Di]", "[Ana]", "[Bo]", "[Cy]");
    }

    @Test
    void limitUnionDistinct() {
        Dataset<Row> names = people().select("dept");
        assertThat(names.limit(2).count()).isEqualTo(2);
        assertThat(names.union(names).count()).isEqualTo(8);
        assertThat(strings(names.union(names).distinct())).containsExactly("[eng]", "[ops]", "[null]");
        assertThatThrownBy(() -> names.union(people())).hasMessageStartingWith("[NUM_COLUMNS_MISMATCH]");
    }

    @Test
    void unionWidensTypes() {
        Dataset<Row> ints = spark.range(2).select(col("id").cast("int").alias("v"));
        Dataset<Row> doubles = spark.range(1).select(col("id").cast("double").alias("v"));
        Dataset<Row> out = ints.union(doubles);
        assertThat(out.schema().apply("v").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(strings(out)).containsExactly("[0.0]", "[1.0]", "[0.0]");
    }

    static Dataset<Row> depts() {
        StructType schema = new StructType().add("dept", DataTypes.StringType).add("floor", DataTypes.IntegerType);
        return spark.createDataFrame(List.of(RowFactory.create("eng", 3), RowFactory.create("hr", 1)), schema);
    }

    @Test
    void joinsOnColumnNames() {
        Dataset<Row> p = people().select("name", "dept");
        assertThat(p.join(depts(), "dept").columns()).containsExactly("dept", "name", "floor");
        assertThat(strings(p.join(depts(), "dept"))).containsExactly("[eng,Ana,3]", "[eng,Bo,3]");
        assertThat(strings(p.join(depts(), List.of("dept"), "left")))
                .containsExactly("[eng,Ana,3]", "[eng,Bo,3]", "[ops,Cy,null]", "[null,Di,null]");
        assertThat(strings(p.join(depts(), List.of("dept"), "right")))
                .containsExactlyInAnyOrder("[eng,Ana,3]", "[eng,Bo,3]", "[hr,null,1]");
        assertThat(strings(p.join(depts(), List.of("dept"), "full_outer")))
                .containsExactlyInAnyOrder("[eng,Ana,3]", "[eng,Bo,3]", "[ops,Cy,null]", "[null,Di,null]", "[hr,null,1]");
        // Semi and anti joins put the USING column first, then the other left columns (Spark's order).
        assertThat(strings(p.join(depts(), List.of("dept"), "left_semi"))).containsExactly("[eng,Ana]", "[eng,Bo]");
        assertThat(strings(p.join(depts(), List.of("dept"), "left_anti"))).containsExactly("[ops,Cy]", "[null,Di]");
    }

    @Test
    void joinOnExpressionKeepsBothSides() {
        Dataset<Row> p = people();
        Dataset<Row> d = depts();
        Dataset<Row> out = p.join(d, p.col("dept").equalTo(d.col("dept")).and(d.col("floor").gt(2)), "inner")
                .select(p.col("name"), d.col("dept"), col("floor"));
        assertThat(strings(out)).containsExactly("[Ana,eng,3]", "[Bo,eng,3]");
        assertThatThrownBy(() -> p.join(d, col("dept").equalTo(col("dept"))))
                .hasMessageStartingWith("[AMBIGUOUS_REFERENCE]");
    }

    @Test
    void aliasQualifiedColumns() {
        Dataset<Row> out = people().alias("p").join(depts().alias("d"), expr("p.dept = d.dept"))
                .select("p.name", "d.floor");
        assertThat(strings(out)).containsExactly("[Ana,3]", "[Bo,3]");
    }

    private static Column expr(String s) {
        return functions.expr(s);
    }

    @Test
    void explodeSplitWordCountShape() {
        StructType schema = new StructType().add("value", DataTypes.StringType);
        Dataset<Row> lines = spark.createDataFrame(List.of(RowFactory.create("hola mundo hola"),
                RowFactory.create("adios mundo")), schema);
        Dataset<Row> words = lines.select(explode(split(col("value"), " ")).alias("palabra"));
        assertThat(words.columns()).containsExactly("palabra");
        Dataset<Row> counts = words.groupBy("palabra").count().orderBy(col("count").desc(), col("palabra"));
        assertThat(strings(counts)).containsExactly("[hola,2]", "[mundo,2]", "[adios,1]");
    }

    @Test
    void whenOtherwise() {
        Dataset<Row> out = people().select(when(col("salary").geq(80), "high")
                .when(col("salary").geq(70), "mid").otherwise("low").alias("band"));
        assertThat(strings(out)).containsExactly("[high]", "[high]", "[mid]", "[low]");
    }

    @Test
    void countCollectFirstTakeIsEmpty() {
        Dataset<Row> p = people();
        assertThat(p.count()).isEqualTo(4);
        assertThat(p.collect()).hasSize(4);
        assertThat(p.take(2)).hasSize(2);
        assertThat(p.first().getString(0)).isEqualTo("Ana");
        assertThat(p.filter("salary > 1000").isEmpty()).isTrue();
        Row row = p.first();
        assertThat(row.<String>getAs("dept")).isEqualTo("eng");
        assertThat(row.getDouble(3)).isEqualTo(1.5);
    }

    @Test
    void explainPrintsThePlanTree() {
        String plan = people().filter("salary > 60").select("name").explainString(false);
        assertThat(plan).startsWith("== Physical Plan ==\nProject [name#");
        // Spark 4.1 names the physical leaf LocalTableScan (LocalRelation is the logical node).
        assertThat(plan).contains("+- Filter (salary > 60)").contains("+- LocalTableScan [name#");
    }

    @Test
    void streamingOnlyOperationsOnBatchDataFail() {
        assertThat(people().isStreaming()).isFalse();
    }
}
