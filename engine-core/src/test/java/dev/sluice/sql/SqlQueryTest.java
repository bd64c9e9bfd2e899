package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code session.sql(SELECT ...)} over temporary views. */
class SqlQueryTest {
    private static SluiceSession spark;

    @BeforeAll
    static void views() {
        spark = Sluice.builder().master("local[2]").getOrCreate();
        DatasetApiTest.session();
        DatasetApiTest.people().createOrReplaceTempView("people");
        DatasetApiTest.depts().createOrReplaceTempView("depts");
    }

    private static List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream().map(Object::toString).toList();
    }

    @Test
    void selectWhereOrderLimit() {
        assertThat(rows("SELECT name, salary * 2 AS s FROM people WHERE salary > 60 ORDER BY s DESC LIMIT 2"))
                .containsExactly("[Ana,200]", "[Bo,160]");
        assertThat(spark.sql("SELECT upper(name), salary + 1 FROM people").columns())
                .containsExactly("upper(name)", "(salary + 1)");
    }

    @Test
    void groupByHavingAndOrdinals() {
        assertThat(rows("SELECT dept, count(*) AS n, sum(salary) FROM people GROUP BY dept HAVING count(*) > 1"))
                .containsExactly("[eng,2,180]");
        assertThat(rows("SELECT dept, max(salary) FROM people GROUP BY 1 ORDER BY 2")).containsExactly(
                "[null,60]", "[ops,70]", "[eng,100]");
        assertThat(rows("SELECT count(*) FROM people")).containsExactly("[4]");
    }

    @Test
    void joinsAliasesSubqueriesDistinct() {
        assertThat(rows("SELECT p.name, d.floor FROM people p JOIN depts d ON p.dept = d.dept ORDER BY p.name"))
                .containsExactly("[Ana,3]", "[Bo,3]");
        assertThat(rows("SELECT name FROM people LEFT JOIN depts USING (dept) WHERE floor IS NULL ORDER BY name"))
                .containsExactly("[Cy]", "[Di]");
        assertThat(rows("SELECT DISTINCT dept FROM (SELECT dept FROM people WHERE dept IS NOT NULL) t ORDER BY dept"))
                .containsExactly("[eng]", "[ops]");
        assertThat(rows("SELECT 1 + 1 AS two")).containsExactly("[2]");
    }

    @Test
    void windowFunctionsInSql() {
        assertThat(rows("SELECT name, row_number() OVER (PARTITION BY dept ORDER BY salary DESC) AS rn FROM people"
                + " WHERE dept = 'eng'")).containsExactly("[Ana,1]", "[Bo,2]");
    }

    @Test
    void unknownViewAndParseErrors() {
        assertThatThrownBy(() -> spark.sql("SELECT * FROM nope")).hasMessageStartingWith("[TABLE_OR_VIEW_NOT_FOUND]");
        assertThatThrownBy(() -> spark.sql("SELECT FROM people"))
                .isInstanceOf(dev.sluice.sql.catalyst.parser.ParseException.class)
                .hasMessageContaining("PARSE_SYNTAX_ERROR");
    }
}
