package dev.sluice.sql;

import static dev.sluice.sql.functions.aggregate;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.exists;
import static dev.sluice.sql.functions.filter;
import static dev.sluice.sql.functions.forall;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.reduce;
import static dev.sluice.sql.functions.transform;
import static dev.sluice.sql.functions.zip_with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.StructType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Higher-order functions on arrays, from the Java API and SQL text. Expected values are computed by hand or taken
 * from the examples of Spark 4.1's function documentation ({@code higherOrderFunctions.scala}).
 */
class HigherOrderFunctionsTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
    }

    /** {@code id, xs ARRAY<INT>, k INT}: a null array, an empty one and one with a null element. */
    static Dataset<Row> arrays() {
        StructType schema = StructType.fromDDL("id INT, xs ARRAY<INT>, k INT");
        return spark.createDataFrame(List.of(
                RowFactory.create(1, List.of(1, 2, 3), 10),
                RowFactory.create(2, null, 20),
                RowFactory.create(3, List.of(), 30),
                RowFactory.create(4, Arrays.asList(4, null, 6), 40)), schema);
    }

    private static List<String> rows(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Object::toString).toList();
    }

    private static Object sql(String expression) {
        return spark.sql("SELECT " + expression).collectAsList().get(0).get(0);
    }

    @Test
    void sparkDocumentationExamples() {
        assertThat(sql("transform(array(1, 2, 3), x -> x + 1)")).isEqualTo(List.of(2, 3, 4));
        assertThat(sql("transform(array(1, 2, 3), (x, i) -> x + i)")).isEqualTo(List.of(1, 3, 5));
        assertThat(sql("filter(array(1, 2, 3), x -> x % 2 == 1)")).isEqualTo(List.of(1, 3));
        assertThat(sql("filter(array(0, 2, 3), (x, i) -> x > i)")).isEqualTo(List.of(2, 3));
        assertThat(sql("filter(array(0, null, 2, 3, null), x -> x IS NOT NULL)")).isEqualTo(List.of(0, 2, 3));
        assertThat(sql("exists(array(1, 2, 3), x -> x % 2 == 0)")).isEqualTo(true);
        assertThat(sql("exists(array(1, 2, 3), x -> x % 2 == 10)")).isEqualTo(false);
        assertThat(sql("exists(array(1, null, 3), x -> x % 2 == 0)")).isNull();
        assertThat(sql("exists(array(0, null, 2, 3, null), x -> x IS NULL)")).isEqualTo(true);
        assertThat(sql("exists(array(1, 2, 3), x -> x IS NULL)")).isEqualTo(false);
        assertThat(sql("forall(array(1, 2, 3), x -> x % 2 == 0)")).isEqualTo(false);
        assertThat(sql("forall(array(2, 4, 8), x -> x % 2 == 0)")).isEqualTo(true);
        assertThat(sql("forall(array(1, null, 3), x -> x % 2 == 0)")).isEqualTo(false);
        assertThat(sql("forall(array(2, null, 8), x -> x % 2 == 0)")).isNull();
        assertThat(sql("aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x)")).isEqualTo(6);
        assertThat(sql("aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 10)")).isEqualTo(60);
        assertThat(sql("reduce(array(1, 2, 3), 0, (acc, x) -> acc + x)")).isEqualTo(6);
        assertThat(sql("zip_with(array(1, 2), array(3, 4), (x, y) -> x + y)")).isEqualTo(List.of(4, 6));
        assertThat(sql("zip_with(array('a', 'b', 'c'), array('d', 'e', 'f'), (x, y) -> concat(x, y))"))
                .isEqualTo(List.of("ad", "be", "cf"));
    }

    @Test
    void javaLambdasOverNullEmptyAndNullElementArrays() {
        Dataset<Row> out = arrays().select(col("id"),
                transform(col("xs"), x -> x.multiply(2)).alias("doubled"),
                transform(col("xs"), (x, i) -> x.plus(i).plus(col("k"))).alias("shifted"),
                filter(col("xs"), x -> x.gt(1)).alias("big"),
                exists(col("xs"), x -> x.equalTo(5)).alias("has5"),
                forall(col("xs"), x -> x.lt(5)).alias("under5"),
                aggregate(col("xs"), lit(0), (acc, x) -> acc.plus(x)).alias("sum"),
                reduce(col("xs"), lit(100L), (acc, x) -> acc.plus(x), acc -> acc.cast("string")).alias("total"))
                .orderBy("id");
        // row 4: 4 * 2, null * 2, 6 * 2; 4 + 0 + 40, null, 6 + 2 + 40; exists: no true, a null -> null;
        // forall: 6 < 5 is false -> false; the sum meets a null -> null.
        assertThat(rows(out)).containsExactly(
                "[1,[2, 4, 6],[11, 13, 15],[2, 3],false,true,6,106]",
                "[2,null,null,null,null,null,null,null]",
                "[3,[],[],[],false,true,0,100]",
                "[4,[8, null, 12],[44, null, 48],[4, 6],null,false,null,null]");
    }

    @Test
    void columnNamesSchemaAndShowTextAreSparks() {
        Dataset<Row> out = arrays().filter("id = 1").select(transform(col("xs"), x -> x.plus(1)),
                functions.expr("filter(xs, x -> x > 1)"), functions.expr("aggregate(xs, 0L, (acc, x) -> acc + x)"));
        assertThat(out.columns()).containsExactly(
                "transform(xs, lambdafunction((namedlambdavariable() + 1), namedlambdavariable()))",
                "filter(xs, lambdafunction((namedlambdavariable() > 1), namedlambdavariable()))",
                "aggregate(xs, 0, lambdafunction((namedlambdavariable() + namedlambdavariable()),"
                        + " namedlambdavariable(), namedlambdavariable()), lambdafunction(namedlambdavariable(),"
                        + " namedlambdavariable()))");
        Dataset<Row> named = arrays().select(col("id"), transform(col("xs"), x -> x.plus(1)).alias("plus1"),
                exists(col("xs"), x -> x.isNull()).alias("anyNull")).orderBy("id");
        assertThat(named.schema().treeString()).isEqualTo("""
                root
                 |-- id: integer (nullable = true)
                 |-- plus1: array (nullable = true)
                 |    |-- element: integer (containsNull = true)
                 |-- anyNull: boolean (nullable = true)
                """);
        assertThat(named.showString(20, 20, false)).isEqualTo("""
                +---+------------+-------+
                | id|       plus1|anyNull|
                +---+------------+-------+
                |  1|   [2, 3, 4]|  false|
                |  2|        NULL|   NULL|
                |  3|          []|  false|
                |  4|[5, NULL, 7]|   true|
                +---+------------+-------+
                """);
    }

    @Test
    void nestedLambdasSeeOuterVariablesAndColumns() {
        arrays().createOrReplaceTempView("arrays");
        Dataset<Row> out = spark.sql("SELECT transform(array(1, 2), x -> transform(array(10, 20), y -> x + y + k))"
                + " AS t FROM arrays WHERE id = 1");
        assertThat(rows(out)).containsExactly("[[[21, 31], [22, 32]]]");
        // Java lambdas get unique variable names, so an inner lambda can use the outer one's variable.
        Dataset<Row> java = arrays().filter("id = 1")
                .select(transform(col("xs"), x -> transform(col("xs"), y -> x.multiply(y))).alias("t"));
        assertThat(rows(java)).containsExactly("[[[1, 2, 3], [2, 4, 6], [3, 6, 9]]]");
        // A lambda parameter shadows a column of the same name.
        Dataset<Row> shadow = spark.sql("SELECT transform(array(1, 2), k -> k * 2) AS t FROM arrays WHERE id = 1");
        assertThat(rows(shadow)).containsExactly("[[2, 4]]");
    }

    @Test
    void structElementsAndTheirFields() {
        spark.sql("SELECT array(named_struct('name', 'ana', 'age', 30), named_struct('name', 'bo', 'age', 5))"
                + " AS people").createOrReplaceTempView("people");
        Row row = spark.sql("SELECT transform(people, p -> p.name) AS names,"
                + " filter(people, p -> p.age > 18) AS adults FROM people").collectAsList().get(0);
        assertThat(row.getList(0)).containsExactly("ana", "bo");
        List<Row> adults = row.getList(1);
        assertThat(adults).hasSize(1);
        assertThat(adults.get(0).getString(0)).isEqualTo("ana");
        Row java = spark.table("people").select(transform(col("people"), p -> p.getField("age").plus(1)),
                aggregate(col("people"), lit(""), (acc, p) -> functions.concat(acc, p.getField("name")))).first();
        assertThat(java.getList(0)).containsExactly(31, 6);
        assertThat(java.getString(1)).isEqualTo("anabo");
        // zip_with pads the shorter array with nulls
        Row zipped = spark.table("people").select(zip_with(col("people"), functions.array(lit(1)),
                (p, n) -> functions.coalesce(n, lit(0)).plus(p.getField("age")))).first();
        assertThat(zipped.getList(0)).containsExactly(31, 5);
    }

    @Test
    void lambdasInFiltersAggregationsAndWithOuterColumnsInAggregate() {
        // merge reads the outer column k: row 1 folds 1*10 + 2*10 + 3*10, row 4 meets a null
        Dataset<Row> weighted = arrays().select(col("id"),
                functions.expr("aggregate(xs, 0, (acc, x) -> acc + x * k, acc -> acc + id)").alias("w"))
                .orderBy("id");
        assertThat(rows(weighted)).containsExactly("[1,61]", "[2,null]", "[3,3]", "[4,null]");
        Dataset<Row> where = arrays().where("exists(xs, x -> x > 5)").select("id");
        assertThat(rows(where)).containsExactly("[4]");
        Dataset<Row> summed = arrays().agg(functions.sum(functions.expr("size(filter(xs, x -> x IS NOT NULL))")));
        // sizes 3, null (a null array, ANSI), 0 and 2
        assertThat(rows(summed)).containsExactly("[5]");
        Dataset<Row> grouped = arrays().groupBy(forall(col("xs"), x -> x.isNotNull()).alias("complete")).count()
                .orderBy("complete");
        assertThat(rows(grouped)).containsExactly("[null,1]", "[false,1]", "[true,2]");
    }

    @Test
    void arraySortWithAndWithoutAComparator() {
        // Spark's documentation examples
        assertThat(sql("array_sort(array(5, 6, 1), (left, right) -> case when left < right then -1"
                + " when left > right then 1 else 0 end)")).isEqualTo(List.of(1, 5, 6));
        assertThat(sql("array_sort(array('bc', 'ab', 'dc'), (left, right) -> case when left is null and right is null"
                + " then 0 when left is null then -1 when right is null then 1 when left < right then 1"
                + " when left > right then -1 else 0 end)")).isEqualTo(List.of("dc", "bc", "ab"));
        assertThat(sql("array_sort(array('b', 'd', null, 'c', 'a'))")).isEqualTo(Arrays.asList("a", "b", "c", "d",
                null));
        assertThat(sql("array_sort(array(2.0D, CAST('NaN' AS DOUBLE), -1.0D))")).isEqualTo(List.of(-1.0, 2.0, Double.NaN));
        // a comparator of the lengths is stable: equal lengths keep their order
        Row row = spark.sql("SELECT array('ccc', 'a', 'bb', 'd') AS w").select(
                functions.array_sort(col("w"), (l, r) -> functions.length(l).minus(functions.length(r)))).first();
        assertThat(row.getList(0)).containsExactly("a", "d", "bb", "ccc");
        assertThat(spark.sql("SELECT array(3, 1) AS xs").select(functions.array_sort(col("xs"))).columns())
                .containsExactly("array_sort(xs, lambdafunction((IF(((namedlambdavariable() IS NULL) AND"
                        + " (namedlambdavariable() IS NULL)), 0, (IF((namedlambdavariable() IS NULL), 1,"
                        + " (IF((namedlambdavariable() IS NULL), -1, (IF((namedlambdavariable() < namedlambdavariable()),"
                        + " -1, (IF((namedlambdavariable() > namedlambdavariable()), 1, 0)))))))))), namedlambdavariable(),"
                        + " namedlambdavariable()))");
        // 70 elements take the per-comparison path
        Object longSorted = sql("array_sort(sequence_like, (l, r) -> r - l)".replace("sequence_like",
                "array(" + String.join(", ", java.util.stream.IntStream.range(0, 70).mapToObj(String::valueOf)
                        .toList()) + ")"));
        assertThat(((List<?>) longSorted).get(0)).isEqualTo(69);
        assertThat(((List<?>) longSorted)).hasSize(70);
    }
}
