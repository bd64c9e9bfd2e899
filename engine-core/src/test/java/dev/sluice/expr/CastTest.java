package dev.sluice.expr;

import static dev.sluice.expr.ExpressionTestSupport.chunk;
import static dev.sluice.expr.ExpressionTestSupport.column;
import static dev.sluice.expr.ExpressionTestSupport.context;
import static dev.sluice.expr.ExpressionTestSupport.ref;
import static dev.sluice.expr.ExpressionTestSupport.value;
import static dev.sluice.expr.ExpressionTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CastTest {
    private static final FunctionContext ANSI = FunctionContext.DEFAULT;
    private static final FunctionContext LEGACY = context("UTC", false);

    private static Object cast(Object value, DataType from, DataType to) {
        return value(new Cast(new Literal(value, from), to, ANSI));
    }

    private static Object tryCast(Object value, DataType from, DataType to) {
        return value(new Cast(new Literal(value, from), to, ANSI, true));
    }

    private static Object legacyCast(Object value, DataType from, DataType to) {
        return value(new Cast(new Literal(value, from), to, LEGACY));
    }

    @Test
    void widensAndNarrowsIntegralsWithinRange() {
        assertThat(cast(5, DataTypes.IntegerType, DataTypes.LongType)).isEqualTo(5L);
        assertThat(cast(100L, DataTypes.LongType, DataTypes.ByteType)).isEqualTo(100);
        assertThat(cast(-7, DataTypes.IntegerType, DataTypes.DoubleType)).isEqualTo(-7.0);
        assertThat(cast(true, DataTypes.BooleanType, DataTypes.IntegerType)).isEqualTo(1);
        assertThat(cast(0L, DataTypes.LongType, DataTypes.BooleanType)).isEqualTo(false);
    }

    @Test
    void integralOverflowRaisesCastOverflowInAnsiMode() {
        assertThatThrownBy(() -> cast(3_000_000_000L, DataTypes.LongType, DataTypes.IntegerType))
                .isInstanceOf(SluiceException.class)
                .hasMessage("[CAST_OVERFLOW] The value 3000000000L of the type \"BIGINT\" cannot be cast to \"INT\""
                        + " due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead."
                        + " SQLSTATE: 22003")
                .extracting(e -> ((SluiceException) e).getCondition()).isEqualTo("CAST_OVERFLOW");
        assertThat(tryCast(3_000_000_000L, DataTypes.LongType, DataTypes.IntegerType)).isNull();
        assertThat(legacyCast(3_000_000_000L, DataTypes.LongType, DataTypes.IntegerType)).isEqualTo((int) 3_000_000_000L);
        assertThat(legacyCast(200, DataTypes.IntegerType, DataTypes.ByteType)).isEqualTo((int) (byte) 200);
    }

    @Test
    void doublesTruncateTowardZeroAndOverflow() {
        assertThat(cast(-2.9, DataTypes.DoubleType, DataTypes.IntegerType)).isEqualTo(-2);
        assertThat(cast(2.9, DataTypes.DoubleType, DataTypes.LongType)).isEqualTo(2L);
        assertThatThrownBy(() -> cast(1e10, DataTypes.DoubleType, DataTypes.IntegerType))
                .hasMessageStartingWith("[CAST_OVERFLOW] The value 1.0E10D of the type \"DOUBLE\" cannot be cast to \"INT\"");
        assertThatThrownBy(() -> cast(Double.NaN, DataTypes.DoubleType, DataTypes.IntegerType))
                .hasMessageStartingWith("[CAST_OVERFLOW]");
        assertThat(legacyCast(1e10, DataTypes.DoubleType, DataTypes.IntegerType)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void decimalsRoundHalfUpAndCheckPrecision() {
        DecimalType decimal52 = new DecimalType(5, 2);
        assertThat(cast(3.14159, DataTypes.DoubleType, decimal52)).isEqualTo(new BigDecimal("3.14"));
        assertThat(cast(new BigDecimal("2.345"), new DecimalType(4, 3), decimal52)).isEqualTo(new BigDecimal("2.35"));
        assertThat(cast(new BigDecimal("-2.345"), new DecimalType(4, 3), decimal52)).isEqualTo(new BigDecimal("-2.35"));
        assertThat(cast(7, DataTypes.IntegerType, decimal52)).isEqualTo(new BigDecimal("7.00"));
        assertThat(cast(new BigDecimal("9.99"), decimal52, DataTypes.IntegerType)).isEqualTo(9);
        assertThat(cast(new BigDecimal("1.25"), decimal52, DataTypes.DoubleType)).isEqualTo(1.25);
        assertThatThrownBy(() -> cast(12345, DataTypes.IntegerType, decimal52))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("cannot be represented as Decimal(5, 2)")
                .extracting(e -> ((SluiceException) e).getCondition())
                .isEqualTo("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
        assertThat(tryCast(12345, DataTypes.IntegerType, decimal52)).isNull();
    }

    @Test
    void parsesStrings() {
        assertThat(cast(" 42 ", DataTypes.StringType, DataTypes.IntegerType)).isEqualTo(42);
        assertThat(cast("-9000000000", DataTypes.StringType, DataTypes.LongType)).isEqualTo(-9_000_000_000L);
        assertThat(cast("1.5e3", DataTypes.StringType, DataTypes.DoubleType)).isEqualTo(1500.0);
        assertThat(cast("-Infinity", DataTypes.StringType, DataTypes.DoubleType)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(cast("3.105", DataTypes.StringType, new DecimalType(4, 2))).isEqualTo(new BigDecimal("3.11"));
        assertThat(cast("YES", DataTypes.StringType, DataTypes.BooleanType)).isEqualTo(true);
        assertThat(cast("0", DataTypes.StringType, DataTypes.BooleanType)).isEqualTo(false);
        assertThat(cast("2024-02-29", DataTypes.StringType, DataTypes.DateType)).isEqualTo(19782);
        assertThat(cast("2024-2-9T10:00", DataTypes.StringType, DataTypes.DateType)).isEqualTo(19762);
        assertThat(cast("1970-01-01 00:00:01.5", DataTypes.StringType, DataTypes.TimestampType)).isEqualTo(1_500_000L);
        assertThat(cast("1970-01-01T01:00:00+01:00", DataTypes.StringType, DataTypes.TimestampType)).isEqualTo(0L);
        assertThat(cast("1970-01-02", DataTypes.StringType, DataTypes.TimestampType)).isEqualTo(86_400_000_000L);
        assertThat((byte[]) cast("hé", DataTypes.StringType, DataTypes.BinaryType))
                .isEqualTo("hé".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformedStringsRaiseCastInvalidInput() {
        assertThatThrownBy(() -> cast("abc", DataTypes.StringType, DataTypes.IntegerType))
                .isInstanceOf(SluiceException.class)
                .hasMessage("[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be cast to \"INT\""
                        + " because it is malformed. Correct the value as per the syntax, or change its target type."
                        + " Use `try_cast` to tolerate malformed input and return NULL instead. SQLSTATE: 22018");
        assertThatThrownBy(() -> cast("1.5", DataTypes.StringType, DataTypes.IntegerType))
                .hasMessageStartingWith("[CAST_INVALID_INPUT]");
        assertThatThrownBy(() -> cast("3000000000", DataTypes.StringType, DataTypes.IntegerType))
                .hasMessageStartingWith("[CAST_INVALID_INPUT]");
        assertThatThrownBy(() -> cast("2024-13-01", DataTypes.StringType, DataTypes.DateType))
                .hasMessageContaining("cannot be cast to \"DATE\"");
        assertThatThrownBy(() -> cast("maybe", DataTypes.StringType, DataTypes.BooleanType))
                .hasMessageContaining("cannot be cast to \"BOOLEAN\"");
        assertThat(tryCast("abc", DataTypes.StringType, DataTypes.IntegerType)).isNull();
        assertThat(tryCast("not a time", DataTypes.StringType, DataTypes.TimestampType)).isNull();
        assertThat(legacyCast("abc", DataTypes.StringType, DataTypes.DoubleType)).isNull();
        assertThat(legacyCast("1.9", DataTypes.StringType, DataTypes.IntegerType)).isEqualTo(1);
    }

    @Test
    void rendersEverythingAsSparkStrings() {
        assertThat(cast(12345678.0, DataTypes.DoubleType, DataTypes.StringType)).isEqualTo("1.2345678E7");
        assertThat(cast(674.8000000000001, DataTypes.DoubleType, DataTypes.StringType)).isEqualTo("674.8000000000001");
        assertThat(cast(1.5f, DataTypes.FloatType, DataTypes.StringType)).isEqualTo("1.5");
        assertThat(cast(new BigDecimal("3.10"), new DecimalType(3, 2), DataTypes.StringType)).isEqualTo("3.10");
        assertThat(cast(true, DataTypes.BooleanType, DataTypes.StringType)).isEqualTo("true");
        assertThat(cast(19782, DataTypes.DateType, DataTypes.StringType)).isEqualTo("2024-02-29");
        assertThat(cast(1_500_000L, DataTypes.TimestampType, DataTypes.StringType)).isEqualTo("1970-01-01 00:00:01.5");
        assertThat(cast(0L, DataTypes.TimestampType, DataTypes.StringType)).isEqualTo("1970-01-01 00:00:00");
        assertThat(value(new Cast(new Literal(0L, DataTypes.TimestampType), DataTypes.StringType,
                context("America/Los_Angeles", true)))).isEqualTo("1969-12-31 16:00:00");
        assertThat(cast("hi".getBytes(StandardCharsets.UTF_8), DataTypes.BinaryType, DataTypes.StringType)).isEqualTo("hi");
        assertThat(cast(Arrays.asList(1, null, 3), new ArrayType(DataTypes.IntegerType, true), DataTypes.StringType))
                .isEqualTo("[1, null, 3]");
        StructType struct = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType);
        assertThat(cast(Arrays.asList(1, null), struct, DataTypes.StringType)).isEqualTo("{1, null}");
        assertThat(cast(Map.of("k", 2), new MapType(DataTypes.StringType, DataTypes.IntegerType, true),
                DataTypes.StringType)).isEqualTo("{k -> 2}");
    }

    @Test
    void convertsBetweenTimestampsDatesAndSeconds() {
        assertThat(cast(1_700_000_000_123_456L, DataTypes.TimestampType, DataTypes.LongType)).isEqualTo(1_700_000_000L);
        assertThat(cast(-1L, DataTypes.TimestampType, DataTypes.LongType)).isEqualTo(-1L);
        assertThat(cast(1_700_000_000L, DataTypes.LongType, DataTypes.TimestampType)).isEqualTo(1_700_000_000_000_000L);
        assertThat(cast(1.5, DataTypes.DoubleType, DataTypes.TimestampType)).isEqualTo(1_500_000L);
        assertThat(cast(1_500_000L, DataTypes.TimestampType, DataTypes.DoubleType)).isEqualTo(1.5);
        assertThat(cast(1, DataTypes.DateType, DataTypes.TimestampType)).isEqualTo(86_400_000_000L);
        assertThat(cast(86_399_999_999L, DataTypes.TimestampType, DataTypes.DateType)).isEqualTo(0);
        assertThat(value(new Cast(new Literal(0L, DataTypes.TimestampType), DataTypes.DateType,
                context("America/Los_Angeles", true)))).isEqualTo(-1);
        assertThatThrownBy(() -> cast(Long.MAX_VALUE, DataTypes.LongType, DataTypes.TimestampType))
                .hasMessageStartingWith("[CAST_OVERFLOW]");
    }

    @Test
    void castsNestedValuesByPosition() {
        StructType from = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.IntegerType);
        StructType to = new StructType().add("x", DataTypes.IntegerType).add("y", DataTypes.DoubleType);
        Chunk input = chunk(column(from, Arrays.asList("1", 2), null, Arrays.asList(null, 5)));
        assertThat(values(new Cast(ref(0, from, "s"), to, ANSI), input))
                .containsExactly(List.of(1, 2.0), null, Arrays.asList(null, 5.0));
        ArrayType strings = new ArrayType(DataTypes.StringType, true);
        Chunk arrays = chunk(column(strings, List.of("1", "2"), Arrays.asList("3", null), null));
        assertThat(values(new Cast(ref(0, strings, "a"), new ArrayType(DataTypes.LongType, true), ANSI), arrays))
                .containsExactly(List.of(1L, 2L), Arrays.asList(3L, null), null);
        MapType map = new MapType(DataTypes.StringType, DataTypes.IntegerType, true);
        assertThat(values(new Cast(ref(0, map, "m"), new MapType(DataTypes.StringType, DataTypes.StringType, true), ANSI),
                chunk(column(map, Map.of("k", 1))))).containsExactly(Map.of("k", "1"));
    }

    @Test
    void keepsNullsAndVectorSize() {
        Chunk input = chunk(column(DataTypes.StringType, "1", null, "3"));
        assertThat(values(new Cast(ref(0, DataTypes.StringType, "s"), DataTypes.IntegerType, ANSI), input))
                .containsExactly(1, null, 3);
        assertThat(values(new Cast(Literal.NULL, DataTypes.IntegerType, ANSI), input)).containsExactly(null, null, null);
    }

    @Test
    void rejectsUnsupportedCastsAtAnalysis() {
        assertThat(Cast.canCast(DataTypes.IntegerType, DataTypes.DateType)).isFalse();
        assertThat(Cast.canCast(DataTypes.DateType, DataTypes.TimestampType)).isTrue();
        assertThat(Cast.canCast(new ArrayType(DataTypes.IntegerType, true), DataTypes.StringType)).isTrue();
        assertThat(Cast.canCast(new ArrayType(DataTypes.IntegerType, true), DataTypes.IntegerType)).isFalse();
        assertThatThrownBy(() -> new Cast(ref(0, DataTypes.IntegerType, "n"), DataTypes.DateType, ANSI))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve \"CAST(n AS DATE)\" due to data"
                        + " type mismatch: cannot cast \"INT\" to \"DATE\". SQLSTATE: 42K09");
    }

    @Test
    void namesUserCastsAndHidesImplicitOnes() {
        Expression column = ref(0, DataTypes.IntegerType, "n");
        assertThat(new Cast(column, DataTypes.LongType, ANSI).sql()).isEqualTo("CAST(n AS BIGINT)");
        assertThat(new Cast(column, DataTypes.LongType, ANSI, true).sql()).isEqualTo("TRY_CAST(n AS BIGINT)");
        assertThat(Cast.castIfNeeded(column, DataTypes.IntegerType, ANSI)).isSameAs(column);
        Expression implicit = Cast.castIfNeeded(column, DataTypes.LongType, ANSI);
        assertThat(implicit).isInstanceOf(Cast.class);
        assertThat(implicit.sql()).isEqualTo("n");
        assertThat(((Cast) implicit).isImplicit()).isTrue();
    }
}
