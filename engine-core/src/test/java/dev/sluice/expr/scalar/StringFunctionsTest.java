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
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringFunctionsTest {
    private static final Chunk NAMES = chunk(column(DataTypes.StringType, "Alice", null, "  bob  "));
    private static final Expression NAME = ref(0, DataTypes.StringType, "name");

    private static Object eval(String function, Object... arguments) {
        Expression[] literals = new Expression[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            literals[i] = argument instanceof Expression e ? e : argument instanceof Integer n ? Literal.of(n)
                    : argument == null ? new Literal(null, DataTypes.StringType) : Literal.of((String) argument);
        }
        return value(call(function, literals));
    }

    @Test
    void changesCaseAndTrimsSpacesOverAColumn() {
        assertThat(values(call("lower", NAME), NAMES)).containsExactly("alice", null, "  bob  ");
        assertThat(values(call("upper", NAME), NAMES)).containsExactly("ALICE", null, "  BOB  ");
        assertThat(values(call("trim", NAME), NAMES)).containsExactly("Alice", null, "bob");
        assertThat(values(call("ltrim", NAME), NAMES)).containsExactly("Alice", null, "bob  ");
        assertThat(values(call("rtrim", NAME), NAMES)).containsExactly("Alice", null, "  bob");
        assertThat(eval("trim", "\tx\t")).isEqualTo("\tx\t");
        assertThat(eval("trim", "xxhixx", "x")).isEqualTo("hi");
        assertThat(call("lower", NAME).sql()).isEqualTo("lower(name)");
    }

    @Test
    void measuresLengthInCharacters() {
        assertThat(values(call("length", NAME), NAMES)).containsExactly(5, null, 7);
        assertThat(eval("char_length", "日本😀")).isEqualTo(3);
        assertThat(value(call("length", new Literal("ab".getBytes(StandardCharsets.UTF_8), DataTypes.BinaryType))))
                .isEqualTo(2);
        assertThat(value(call("length", Literal.of(1234)))).isEqualTo(4);
        assertThat(eval("ascii", "A")).isEqualTo(65);
        assertThat(eval("ascii", "")).isEqualTo(0);
    }

    @Test
    void takesSubstringsWithSparkPositions() {
        assertThat(eval("substring", "Spark SQL", 5)).isEqualTo("k SQL");
        assertThat(eval("substring", "Spark SQL", -3)).isEqualTo("SQL");
        assertThat(eval("substring", "Spark SQL", 5, 1)).isEqualTo("k");
        assertThat(eval("substr", "Spark SQL", 0, 2)).isEqualTo("Sp");
        assertThat(eval("substring", "abc", -5, 3)).isEqualTo("a");
        assertThat(eval("substring", "abc", 10, 2)).isEqualTo("");
        assertThat(eval("substring", "abc", 2, -1)).isEqualTo("");
        assertThat(eval("substring", null, 1, 2)).isNull();
    }

    @Test
    void concatenates() {
        assertThat(eval("concat", "a", "b", "c")).isEqualTo("abc");
        assertThat(eval("concat", "a", null)).isNull();
        assertThat(value(call("concat", Literal.of("n="), Literal.of(5)))).isEqualTo("n=5");
        assertThat(eval("concat_ws", "-", "a", null, "c")).isEqualTo("a-c");
        Literal array = new Literal(Arrays.asList("x", null, "y"), new ArrayType(DataTypes.StringType, true));
        assertThat(value(call("concat_ws", Literal.of(","), Literal.of("a"), array))).isEqualTo("a,x,y");
        assertThat(eval("concat_ws", null, "a")).isNull();
        Literal ints = new Literal(List.of(1, 2), new ArrayType(DataTypes.IntegerType, true));
        assertThat(value(call("concat", ints, ints))).isEqualTo(List.of(1, 2, 1, 2));
    }

    @Test
    void splitsAndMatchesRegularExpressions() {
        assertThat(eval("split", "oneAtwoBthreeC", "[ABC]")).isEqualTo(List.of("one", "two", "three", ""));
        assertThat(eval("split", "a,b,c", ",", 2)).isEqualTo(List.of("a", "b,c"));
        assertThat(eval("split", "abc", "")).isEqualTo(List.of("a", "b", "c"));
        assertThat(eval("split", "", ",")).isEqualTo(List.of(""));
        // Spark 4.1's StringSplit: ArrayType(StringType, containsNull = false).
        assertThat(call("split", Literal.of("a"), Literal.of(",")).dataType())
                .isEqualTo(new ArrayType(DataTypes.StringType, false));
        assertThat(eval("regexp_replace", "100-200", "(\\d+)", "num")).isEqualTo("num-num");
        assertThat(eval("regexp_replace", "100-200", "(\\d+)-(\\d+)", "$2-$1")).isEqualTo("200-100");
        assertThat(eval("regexp_replace", "aaa", "a", "b", 2)).isEqualTo("abb");
        assertThat(eval("regexp_extract", "100-200", "(\\d+)-(\\d+)", 1)).isEqualTo("100");
        assertThat(eval("regexp_extract", "100-200", "(\\d+)-(\\d+)", 2)).isEqualTo("200");
        assertThat(eval("regexp_extract", "foo", "(\\d+)", 1)).isEqualTo("");
        assertThat(eval("regexp_extract", "foo123", "(\\d+)")).isEqualTo("123");
        assertThatThrownBy(() -> eval("regexp_extract", "1-2", "(\\d)-(\\d)", 3))
                .isInstanceOf(SluiceException.class)
                .extracting(e -> ((SluiceException) e).getCondition())
                .isEqualTo("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX");
    }

    @Test
    void padsLocatesReversesAndRepeats() {
        assertThat(eval("initcap", "sPARK sql")).isEqualTo("Spark Sql");
        assertThat(eval("lpad", "hi", 5, "??")).isEqualTo("???hi");
        assertThat(eval("lpad", "hi", 1, "??")).isEqualTo("h");
        assertThat(eval("rpad", "hi", 5)).isEqualTo("hi   ");
        assertThat(eval("rpad", "hi", 5, "")).isEqualTo("hi");
        assertThat(eval("lpad", "hi", -1, "x")).isEqualTo("");
        assertThat(eval("instr", "SparkSQL", "SQL")).isEqualTo(6);
        assertThat(eval("instr", "SparkSQL", "xyz")).isEqualTo(0);
        assertThat(eval("locate", "bar", "foobarbar")).isEqualTo(4);
        assertThat(eval("locate", "bar", "foobarbar", 5)).isEqualTo(7);
        assertThat(eval("locate", "bar", "foobarbar", 0)).isEqualTo(0);
        assertThat(eval("reverse", "Spark")).isEqualTo("krapS");
        assertThat(value(call("reverse", new Literal(List.of(1, 2, 3), new ArrayType(DataTypes.IntegerType, true)))))
                .isEqualTo(List.of(3, 2, 1));
        assertThat(eval("repeat", "ab", 3)).isEqualTo("ababab");
        assertThat(eval("repeat", "ab", -1)).isEqualTo("");
    }

    @Test
    void encodesBase64() {
        assertThat(eval("base64", "Spark SQL")).isEqualTo("U3BhcmsgU1FM");
        assertThat((byte[]) eval("unbase64", "U3BhcmsgU1FM")).isEqualTo("Spark SQL".getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) eval("unbase64", "%%%")).isEmpty();
        assertThat(eval("base64", (Object) null)).isNull();
    }

    @Test
    void rejectsWrongArgumentTypesAndCounts() {
        Literal array = new Literal(List.of(1), new ArrayType(DataTypes.IntegerType, true));
        assertThatThrownBy(() -> call("lower", array))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"lower([1])\" due to data type"
                        + " mismatch: The first parameter requires the \"STRING\" type, however \"[1]\" has the type"
                        + " \"ARRAY<INT>\". SQLSTATE: 42K09");
        assertThatThrownBy(() -> call("upper")).isInstanceOf(AnalysisException.class)
                .extracting(e -> ((AnalysisException) e).getCondition()).isEqualTo("WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
    }
}
