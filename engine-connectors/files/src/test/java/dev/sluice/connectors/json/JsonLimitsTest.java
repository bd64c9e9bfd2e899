package dev.sluice.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.SluiceSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark 4.1's JSON stream-read limits ({@code maxStringLen}, {@code maxNumLen}, {@code maxNestingDepth}, Jackson's
 * defaults 20,000,000 / 1,000 / 1,000): a value beyond a limit is a malformed record (null under PERMISSIVE, an
 * error naming file and line under FAILFAST, never a Jackson exception), and raising the option reads it.
 */
class JsonLimitsTest {
    private static final int LONG = 20_000_001;
    @TempDir
    static Path dir;
    private static Path big;
    private static SluiceSession spark;

    @BeforeAll
    static void files() throws Exception {
        spark = Sluice.builder().master("local[2]").getOrCreate();
        big = dir.resolve("big.json");
        Files.writeString(big, "{\"id\":1,\"s\":\"" + "x".repeat(LONG) + "\"}\n{\"id\":2,\"s\":\"y\"}\n");
    }

    @Test
    void aStringOverTwentyMillionCharactersIsAMalformedRecordByDefault() {
        List<Row> rows = spark.read().schema("id INT, s STRING").json(big.toString()).collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).isNullAt(0)).isTrue();
        assertThat(rows.get(1).getString(1)).isEqualTo("y");
        assertThatThrownBy(() -> spark.read().option("mode", "FAILFAST").schema("id INT, s STRING").json(big.toString())
                .collectAsList())
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION]")
                .hasMessageContaining("in file file:" + big.toAbsolutePath() + ", line 1.")
                .satisfies(e -> assertThat(((SluiceException) e).getCondition())
                        .isEqualTo("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION"));
    }

    @Test
    void maxStringLenReadsTheLongValue() {
        List<Row> rows = spark.read().option("maxStringLen", "25000000").option("mode", "FAILFAST")
                .schema("id INT, s STRING").json(big.toString()).selectExpr("id", "length(s)").collectAsList();
        assertThat(rows).extracting(r -> r.getInt(0) + ":" + r.getInt(1)).containsExactly("1:" + LONG, "2:1");
        // schema inference and the streaming source use the same options
        assertThat(spark.read().option("maxStringLen", "25000000").json(big.toString()).schema().simpleString())
                .isEqualTo("struct<id:bigint,s:string>");
    }

    @Test
    void maxNumLenAndMaxNestingDepthAreHonoured() throws Exception {
        Path file = dir.resolve("limits.json");
        String digits = "1".repeat(1100);
        String deep = "[".repeat(1100) + "]".repeat(1100);
        // the deep value is in a field outside the schema: the parser still has to walk through it
        Files.writeString(file, "{\"d\":0." + digits + "}\n{\"id\":2,\"skipped\":" + deep + "}\n");
        List<Row> strict = spark.read().schema("d DOUBLE, id INT").json(file.toString()).collectAsList();
        assertThat(strict).allSatisfy(r -> {
            assertThat(r.isNullAt(0)).isTrue();
            assertThat(r.isNullAt(1)).isTrue();
        });
        List<Row> relaxed = spark.read().option("maxNumLen", "2000").option("maxNestingDepth", "2000")
                .schema("d DOUBLE, id INT").json(file.toString()).collectAsList();
        assertThat(relaxed.get(0).getDouble(0)).isEqualTo(0.1111111111111111);
        assertThat(relaxed.get(1).getInt(1)).isEqualTo(2);
    }

    @Test
    void limitsMustBePositiveIntegers() {
        for (String value : List.of("0", "-5", "lots")) {
            assertThatThrownBy(() -> spark.read().option("maxStringLen", value).schema("s STRING").json(big.toString())
                    .collectAsList())
                    .hasMessageContaining("Invalid value '" + value + "' for option 'maxStringLen'");
        }
    }
}
