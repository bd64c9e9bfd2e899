package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code write().format("noop")} runs the whole query and keeps nothing, as Spark's noop format. */
class NoopBatchFormatTest {
    private final SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();

    @Test
    void runsTheQueryToTheEnd() {
        // the division fails only on the row with id 3: the error proves every row was computed
        Dataset<Row> failsOnRow3 = spark.range(10).selectExpr("10 / (id - 3) AS x");
        assertThatThrownBy(() -> failsOnRow3.write().format("noop").mode("overwrite").save())
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.getCondition()).isEqualTo("DIVIDE_BY_ZERO"));
        assertThatCode(() -> spark.range(10).groupBy("id").count().write().format("noop").mode("overwrite").save())
                .doesNotThrowAnyException();
    }
}
