package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.sql.SluiceSession;
import org.junit.jupiter.api.Test;

/** Sluice's exceptions answer as Spark's {@code SparkThrowable}: condition, SQLSTATE, internal or not. */
class SluiceThrowableTest {
    @Test
    void anAnalysisErrorIsASluiceThrowableWithSparksConditionAndSqlState() {
        SluiceSession spark = SluiceSession.builder().master("local[1]").getOrCreate();
        Throwable t = catchThrowable(() -> spark.range(3).select("nope"));
        assertThat(t).isInstanceOf(SluiceThrowable.class);
        SluiceThrowable e = (SluiceThrowable) t;
        // Spark 4.1: [UNRESOLVED_COLUMN.WITH_SUGGESTION] ... SQLSTATE: 42703
        assertThat(e.getCondition()).isEqualTo("UNRESOLVED_COLUMN.WITH_SUGGESTION");
        assertThat(e.getSqlState()).isEqualTo("42703");
        assertThat(e.isInternalError()).isFalse();
        assertThat(e.getMessageParameters()).isEmpty();
    }

    @Test
    void theInternalErrorConditionsAreInternal() {
        SluiceThrowable internal = new dev.sluice.sql.SluiceException("INTERNAL_ERROR_STATE_STORE", "x", "XX000", null);
        assertThat(internal.isInternalError()).isTrue();
        assertThat(new dev.sluice.sql.SluiceException("x", null).getCondition()).isNull();
        assertThat(new dev.sluice.sql.SluiceException("x", null).isInternalError()).isFalse();
    }
}
