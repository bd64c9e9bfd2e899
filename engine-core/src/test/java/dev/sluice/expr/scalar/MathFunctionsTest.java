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
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MathFunctionsTest {
    private static final Chunk DOUBLES = chunk(column(DataTypes.DoubleType, 2.5, null, -2.5, 16.0));
    private static final Expression X = ref(0, DataTypes.DoubleType, "x");

    private static Literal decimal(String value, int precision, int scale) {
        return new Literal(new BigDecimal(value), new DecimalType(precision, scale));
    }

    @Test
    void absolutesKeepTheType() {
        assertThat(values(call("abs", X), DOUBLES)).containsExactly(2.5, null, 2.5, 16.0);
        assertThat(value(call("abs", Literal.of(-3)))).isEqualTo(3);
        assertThat(value(call("abs", Literal.of(-3L)))).isEqualTo(3L);
        assertThat(value(call("abs", decimal("-1.50", 3, 2)))).isEqualTo(new BigDecimal("1.50"));
        assertThatThrownBy(() -> value(call("abs", Literal.of(Integer.MIN_VALUE))))
                .isInstanceOf(SluiceException.class)
                .extracting(e -> ((SluiceException) e).getCondition()).isEqualTo("ARITHMETIC_OVERFLOW");
    }

    @Test
    void roundsHalfUpAndBankers() {
        assertThat(values(call("round", X), DOUBLES)).containsExactly(3.0, null, -3.0, 16.0);
        assertThat(values(call("bround", X), DOUBLES)).containsExactly(2.0, null, -2.0, 16.0);
        assertThat(value(call("round", Literal.of(2.675), Literal.of(2)))).isEqualTo(2.68);
        assertThat(value(call("round", Literal.of(1234), Literal.of(-2)))).isEqualTo(1200);
        Expression roundedDecimal = call("round", decimal("3.14159", 6, 5), Literal.of(2));
        assertThat(roundedDecimal.dataType()).isEqualTo(new DecimalType(4, 2));
        assertThat(value(roundedDecimal)).isEqualTo(new BigDecimal("3.14"));
        assertThat(call("round", X).sql()).isEqualTo("round(x, 0)");
    }

    @Test
    void ceilsAndFloorsToBigint() {
        Expression ceil = call("ceil", X);
        assertThat(ceil.dataType()).isEqualTo(DataTypes.LongType);
        assertThat(values(ceil, DOUBLES)).containsExactly(3L, null, -2L, 16L);
        assertThat(values(call("floor", X), DOUBLES)).containsExactly(2L, null, -3L, 16L);
        assertThat(ceil.sql()).isEqualTo("CEIL(x)");
        assertThat(value(call("floor", Literal.of(7)))).isEqualTo(7L);
        Expression decimalCeil = call("ceil", decimal("-1.5", 2, 1));
        assertThat(decimalCeil.dataType()).isEqualTo(new DecimalType(2, 0));
        assertThat(value(decimalCeil)).isEqualTo(new BigDecimal("-1"));
    }

    @Test
    void computesDoubleFunctions() {
        assertThat(values(call("sqrt", X), DOUBLES).get(3)).isEqualTo(4.0);
        assertThat(value(call("sqrt", Literal.of(-1.0)))).isEqualTo(Double.NaN);
        assertThat(value(call("exp", Literal.of(0)))).isEqualTo(1.0);
        assertThat(value(call("ln", Literal.of(1.0)))).isEqualTo(0.0);
        assertThat(value(call("ln", Literal.of(0.0)))).isNull();
        assertThat(value(call("log", Literal.of(2.0), Literal.of(8.0)))).isEqualTo(3.0);
        assertThat(value(call("log", Literal.of(-2.0), Literal.of(8.0)))).isNull();
        assertThat(value(call("log10", Literal.of(100)))).isEqualTo(2.0);
        assertThat(value(call("pow", Literal.of(2), Literal.of(10)))).isEqualTo(1024.0);
        assertThat(value(call("power", Literal.of("3"), Literal.of(2)))).isEqualTo(9.0);
        assertThat(values(call("signum", X), DOUBLES)).containsExactly(1.0, null, -1.0, 1.0);
        assertThat(call("sqrt", X).sql()).isEqualTo("SQRT(x)");
        assertThat(call("pow", X, X).sql()).isEqualTo("pow(x, x)");
    }

    @Test
    void rejectsNonNumericArguments() {
        assertThatThrownBy(() -> call("abs", Literal.of(true)))
                .hasMessageContaining("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
                .hasMessageContaining("requires the \"NUMERIC\" type");
        assertThatThrownBy(() -> value(call("sqrt", Literal.of("four"))))
                .hasMessageStartingWith("[CAST_INVALID_INPUT]");
    }
}
