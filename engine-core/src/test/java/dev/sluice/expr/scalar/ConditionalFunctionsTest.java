package dev.sluice.expr.scalar;

import static dev.sluice.expr.ExpressionTestSupport.call;
import static dev.sluice.expr.ExpressionTestSupport.chunk;
import static dev.sluice.expr.ExpressionTestSupport.column;
import static dev.sluice.expr.ExpressionTestSupport.ref;
import static dev.sluice.expr.ExpressionTestSupport.value;
import static dev.sluice.expr.ExpressionTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionalFunctionsTest {
    private static final Chunk ROWS = chunk(column(DataTypes.IntegerType, 1, null, null, 4),
            column(DataTypes.LongType, 10L, 20L, null, 2L));
    private static final Expression A = ref(0, DataTypes.IntegerType, "a");
    private static final Expression B = ref(1, DataTypes.LongType, "b");

    @Test
    void coalescesToTheCommonType() {
        Expression coalesce = call("coalesce", A, B, Literal.of(0));
        assertThat(coalesce.dataType()).isEqualTo(DataTypes.LongType);
        assertThat(values(coalesce, ROWS)).containsExactly(1L, 20L, 0L, 4L);
        assertThat(coalesce.sql()).isEqualTo("coalesce(a, b, 0)");
        assertThat(values(call("nvl", A, Literal.of(-1)), ROWS)).containsExactly(1, -1, -1, 4);
        assertThat(values(call("ifnull", A, B), ROWS)).containsExactly(1L, 20L, null, 4L);
        assertThat(value(call("coalesce", Literal.NULL, Literal.of("x")))).isEqualTo("x");
    }

    @Test
    void nullsEqualValues() {
        assertThat(value(call("nullif", Literal.of(1), Literal.of(1)))).isNull();
        assertThat(value(call("nullif", Literal.of(1), Literal.of(2)))).isEqualTo(1);
        assertThat(values(call("nullif", A, Literal.of(4)), ROWS)).containsExactly(1, null, null, null);
    }

    @Test
    void picksTheGreatestAndLeastSkippingNulls() {
        assertThat(values(call("greatest", A, B), ROWS)).containsExactly(10L, 20L, null, 4L);
        assertThat(values(call("least", A, B), ROWS)).containsExactly(1L, 20L, null, 2L);
        assertThat(value(call("greatest", Literal.of("apple"), Literal.of("Banana")))).isEqualTo("apple");
    }

    @Test
    void rejectsArgumentsWithoutACommonType() {
        Literal array = new Literal(List.of(1), new ArrayType(DataTypes.IntegerType, true));
        assertThatThrownBy(() -> call("coalesce", Literal.of(1), array))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"coalesce(1, [1])\" due to data type"
                        + " mismatch: Input to `coalesce` should all be the same type, but it's [\"INT\", \"ARRAY<INT>\"]."
                        + " SQLSTATE: 42K09");
    }
}
