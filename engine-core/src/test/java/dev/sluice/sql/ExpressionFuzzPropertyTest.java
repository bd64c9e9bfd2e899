package dev.sluice.sql;

import static org.assertj.core.api.Assertions.fail;

import dev.sluice.expr.FunctionRegistry;
import dev.sluice.sql.types.StructType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever expression or schema a user types, only Sluice's own exceptions ({@link SluiceException} and its
 * subclasses, with an error class) escape {@code selectExpr}, {@code expr}, {@code StructType.fromDDL} and the
 * evaluation of the result: random calls of every registered function with random arities and argument kinds,
 * window and generator placements, deep operator chains and random DDL.
 *
 * <p>Each property runs jqwik's default number of tries (1,000; a few thousand cases in all). The long run sets
 * {@code jqwik.tries.default} higher: {@code mvn -Pfuzz-long -pl engine-core -am verify} (see README).
 */
class ExpressionFuzzPropertyTest {
    private static final List<String> FUNCTIONS = FunctionRegistry.builtin().names().stream()
            .filter(n -> n.matches("[a-z_][a-z0-9_]*")).toList();
    private static final List<String> COLUMNS = List.of("a", "l", "x", "i", "b", "d", "ts", "e", "f", "s", "s.p",
            "e[0]", "f['k']", "n");
    private static final List<String> LITERALS = List.of("1", "0", "-1", "2147483647", "-2147483648",
            "9223372036854775807L", "1.5", "1e308", "0.0D", "'x'", "''", "'(?<'", "'[a-'", "'yyyy-MM-dd'",
            "'GGGGGyyyyyyyyyyyyy'", "'%'", "'\\\\'", "'10 minutes'", "'-1 day'", "'2024-01-01'", "NULL", "true",
            "DATE'2024-02-29'", "TIMESTAMP'2024-01-01 10:00:00'", "INTERVAL 1 DAY", "X'0A'", "TIMESTAMP_NTZ'2024-01-01 10:00:00'",
            "CAST('1 02:03:04' AS INTERVAL DAY TO SECOND)", "CAST('1-2' AS INTERVAL YEAR TO MONTH)", "array(1, 2)",
            "array()", "'{\"a\":1}'");
    private static final List<String> OPERATORS = List.of("+", "-", "*", "/", "%", "AND", "OR", "||", "=", "<",
            "<=>", "&", "|", "^", "div");
    private static final List<String> TYPES = List.of("INT", "BIGINT", "STRING", "DOUBLE", "DECIMAL(10,2)",
            "DECIMAL(38,38)", "DECIMAL(39,0)", "DATE", "TIMESTAMP", "BOOLEAN", "BINARY", "ARRAY<INT>",
            "MAP<STRING, INT>", "STRUCT<a: INT, b: STRING>", "VOID", "INTERVAL DAY", "CHAR(3)", "VARCHAR(2)",
            "TIMESTAMP_NTZ", "INTERVAL DAY TO SECOND", "INTERVAL YEAR TO MONTH", "INTERVAL MINUTE TO SECOND",
            "FOO", "ARRAY<", "STRUCT<>", "MAP<INT>");

    private static SluiceSession spark;
    private static Dataset<Row> input;

    @BeforeContainer
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        StructType schema = StructType.fromDDL("a INT, l BIGINT, x DOUBLE, i BOOLEAN, b STRING, d DATE,"
                + " ts TIMESTAMP, e ARRAY<INT>, f MAP<STRING, INT>, s STRUCT<p: INT, q: STRING>, n STRING");
        input = spark.createDataFrame(List.of(
                RowFactory.create(1, 5L, 2.5, true, "ab", LocalDate.of(2024, 1, 1),
                        LocalDateTime.of(2024, 1, 1, 10, 0).toInstant(ZoneOffset.UTC), List.of(1, 2),
                        Map.of("k", 1), RowFactory.create(3, "q"), null),
                RowFactory.create(-7, Long.MIN_VALUE, Double.NaN, false, "", LocalDate.of(1, 1, 1),
                        LocalDateTime.of(9999, 12, 31, 23, 59).toInstant(ZoneOffset.UTC), List.of(), Map.of(),
                        null, null)), schema);
    }

    /** Outcomes by error class ("ok" for a value): printed, and checked so that the fuzzing never goes vacuous. */
    private static final Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentSkipListMap<>();

    @AfterContainer
    static void release() {
        input = null;
        System.out.println("Expression fuzz outcomes: " + OUTCOMES);
    }

    @Property
    void randomCallsRaiseOnlySluiceExceptions(@ForAll("calls") String expression) {
        evaluate(expression);
    }

    @Property(tries = 300)
    void deepChainsEvaluateOrRaiseOnlySluiceExceptions(@ForAll("chains") String expression) {
        evaluate(expression);
    }

    @Property
    void randomSchemasRaiseOnlySluiceExceptions(@ForAll("schemas") String ddl) {
        try {
            StructType.fromDDL(ddl);
        } catch (SluiceException expected) {
            // a clear error with a class is the accepted outcome for a bad schema
        } catch (Throwable t) {
            fail("fromDDL(" + ddl + ") threw " + t, t);
        }
    }

    /** Builds the Dataset (analysis) and runs it; anything but a SluiceException fails the property. */
    private static void evaluate(String expression) {
        try {
            input.selectExpr(expression).collectAsList();
            input.select(functions.expr(expression)).collectAsList();
            OUTCOMES.merge("ok", 1, Integer::sum);
        } catch (SluiceException expected) {
            // the accepted outcome for bad input
            OUTCOMES.merge(String.valueOf(expected.getCondition()), 1, Integer::sum);
        } catch (Throwable t) {
            fail("selectExpr(" + (expression.length() > 200 ? expression.substring(0, 200) + "..." : expression)
                    + ") threw " + t, t);
        }
    }

    @Provide
    Arbitrary<String> calls() {
        Arbitrary<String> call = call(2);
        Arbitrary<String> over = Arbitraries.of("", "", "", " OVER (ORDER BY a)", " OVER (PARTITION BY b)",
                " OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)");
        return Combinators.combine(call, over, Arbitraries.of("", " AS z", " + 1", " IS NULL"))
                .as((c, o, suffix) -> c + o + suffix);
    }

    private Arbitrary<String> call(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(Arbitraries.of(COLUMNS), Arbitraries.of(LITERALS));
        Arbitrary<String> argument = depth == 0 ? leaf
                : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(1, call(depth - 1)));
        Arbitrary<List<String>> arguments = Arbitraries.frequency(net.jqwik.api.Tuple.of(1, 0),
                net.jqwik.api.Tuple.of(4, 1), net.jqwik.api.Tuple.of(4, 2), net.jqwik.api.Tuple.of(2, 3),
                net.jqwik.api.Tuple.of(1, 4)).flatMap(n -> argument.list().ofSize(n));
        return Combinators.combine(Arbitraries.of(FUNCTIONS), arguments,
                        Arbitraries.frequency(net.jqwik.api.Tuple.of(12, ""), net.jqwik.api.Tuple.of(1, "DISTINCT ")))
                .as((name, args, distinct) -> name + "(" + (args.isEmpty() ? "" : distinct)
                        + String.join(", ", args) + ")");
    }

    @Provide
    Arbitrary<String> chains() {
        Arbitrary<Integer> depth = Arbitraries.oneOf(Arbitraries.integers().between(1, 1200),
                Arbitraries.integers().between(900, 1000), Arbitraries.integers().between(5000, 20000));
        return Combinators.combine(depth, Arbitraries.of(OPERATORS), Arbitraries.of(COLUMNS),
                Arbitraries.of("left", "not", "negate", "parens")).as(ExpressionFuzzPropertyTest::chain);
    }

    private static String chain(int depth, String operator, String operand, String shape) {
        return switch (shape) {
            case "not" -> "NOT ".repeat(depth) + operand;
            case "negate" -> "- ".repeat(depth) + operand;
            case "parens" -> "(".repeat(depth) + operand + (" " + operator + " " + operand + ")").repeat(depth);
            default -> operand + (" " + operator + " " + operand).repeat(depth);
        };
    }

    @Provide
    Arbitrary<String> schemas() {
        Arbitrary<String> name = Arbitraries.of("a", "b", "`x y`", "`a``b`", "select", "1a", "", "a.b");
        Arbitrary<String> column = Combinators.combine(name, Arbitraries.of(TYPES),
                Arbitraries.of("", "", " NOT NULL", " COMMENT 'c'", " COMMENT", " NULL"))
                .as((n, t, suffix) -> n + " " + t + suffix);
        return Arbitraries.oneOf(column.list().ofMinSize(0).ofMaxSize(4).map(cs -> String.join(", ", cs)),
                Arbitraries.strings().ofMaxLength(40),
                column.list().ofMinSize(1).ofMaxSize(3).map(cs -> "struct<" + String.join(", ", cs)
                        .replace(" ", ": ") + ">"));
    }
}
