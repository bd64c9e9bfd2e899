package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code col(name)} takes a name as Spark's {@code parseAttributeName} does: dots split parts outside back-quotes and
 * every other character is part of the name, so columns named {@code max(b)} or {@code 1} can be selected; the
 * malformed names of Spark's own cases fail with {@code INVALID_ATTRIBUTE_NAME_SYNTAX}.
 */
class ColumnNameParsingTest {
    private static Dataset<Row> df;

    @BeforeAll
    static void session() {
        SluiceSession spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        df = spark.sql("SELECT 1 AS `max(b)`, 2 AS `1`, 3 AS `a.b`, 4 AS `a``b`, named_struct('x', 5) AS s");
    }

    @Test
    void anyCharacterOutsideDotsAndBackQuotesIsPartOfTheName() {
        Row row = df.select(col("max(b)"), col("1"), col("`a.b`"), col("`a``b`"), col("s.x"), df.col("max(b)"))
                .collectAsList().get(0);
        assertThat(row.toString()).isEqualTo("[1,2,3,4,5,1]");
    }

    @Test
    void malformedNamesFailAsInSpark() {
        for (String name : List.of("`a", "a`b", "`a`b", ".a", "a.", "a..b", ".")) {
            assertThatThrownBy(() -> df.select(col(name))).as(name)
                    .isInstanceOfSatisfying(AnalysisException.class,
                            e -> assertThat(e.getCondition()).isEqualTo("INVALID_ATTRIBUTE_NAME_SYNTAX"))
                    .hasMessageContaining("Syntax error in the attribute name: " + name + ". Check that backticks"
                            + " appear in pairs, a quoted string is a complete name part and use a backtick only"
                            + " inside quoted name parts.");
        }
    }
}
