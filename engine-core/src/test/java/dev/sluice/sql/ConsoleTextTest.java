package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code show()}, {@code printSchema()} and {@code printTreeString()} print on standard output, byte for
 * byte as Spark 4.1: Spark prints them with {@code println} of a text that already ends with a newline
 * ({@code Dataset.show(numRows, truncate, vertical) = println(showString(...))},
 * {@code printSchema(level) = println(schema.treeString(level))}), so an empty line follows each. The expected
 * texts were written from those definitions and from Spark's {@code showString}, not from Sluice's output.
 */
class ConsoleTextTest {
    private static SluiceSession spark;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    private static String printed(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Dataset<Row> words() {
        StructType schema = new StructType().add("word", DataTypes.StringType).add("n", DataTypes.IntegerType);
        return spark.createDataFrame(List.of(RowFactory.create("hola", 1), RowFactory.create("adios", 22)), schema);
    }

    @Test
    void showEndsWithAnEmptyLine() {
        assertThat(printed(() -> words().show())).isEqualTo("""
                +-----+---+
                | word|  n|
                +-----+---+
                | hola|  1|
                |adios| 22|
                +-----+---+

                """);
    }

    @Test
    void showWithFooterEndsWithAnEmptyLineAfterTheFooter() {
        assertThat(printed(() -> words().show(1))).isEqualTo("""
                +----+---+
                |word|  n|
                +----+---+
                |hola|  1|
                +----+---+
                only showing top 1 row

                """);
    }

    @Test
    void verticalShowOfNoRowsPrintsZeroRowsAndAnEmptyLine() {
        assertThat(printed(() -> words().filter("n > 100").show(20, 20, true))).isEqualTo("(0 rows)\n\n");
    }

    @Test
    void emptyDataFrameShowsAsSparkPrintsIt() {
        // Spark 4.1: spark.emptyDataFrame().show() prints ++, ||, ++, ++ and the empty line of println.
        assertThat(printed(() -> spark.emptyDataFrame().show())).isEqualTo("++\n||\n++\n++\n\n");
    }

    @Test
    void printSchemaEndsWithAnEmptyLine() {
        assertThat(printed(() -> words().printSchema())).isEqualTo("""
                root
                 |-- word: string (nullable = true)
                 |-- n: integer (nullable = true)

                """);
    }

    @Test
    void printTreeStringEndsWithAnEmptyLine() {
        StructType schema = new StructType().add("id", DataTypes.LongType, false);
        assertThat(printed(schema::printTreeString)).isEqualTo("root\n |-- id: long (nullable = false)\n\n");
    }

    @Test
    void emptyDataFramePrintSchemaIsTheBareRoot() {
        assertThat(printed(() -> spark.emptyDataFrame().printSchema())).isEqualTo("root\n\n");
    }

    @Test
    void explainEndsWithTwoEmptyLines() {
        // Spark 4.1: explain() = println(simpleString), and simpleString appends "\n" after the plan tree, whose
        // lines already end with one: the plan is followed by two empty lines.
        assertThat(printed(() -> words().explain())).startsWith("== Physical Plan ==\n").endsWith("]\n\n\n")
                .doesNotEndWith("\n\n\n\n");
    }
}
