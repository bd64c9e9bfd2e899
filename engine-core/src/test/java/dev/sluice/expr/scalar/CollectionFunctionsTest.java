package dev.sluice.expr.scalar;

import static dev.sluice.expr.ExpressionTestSupport.call;
import static dev.sluice.expr.ExpressionTestSupport.chunk;
import static dev.sluice.expr.ExpressionTestSupport.column;
import static dev.sluice.expr.ExpressionTestSupport.context;
import static dev.sluice.expr.ExpressionTestSupport.ref;
import static dev.sluice.expr.ExpressionTestSupport.value;
import static dev.sluice.expr.ExpressionTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.Alias;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionFunctionsTest {
    private static final ArrayType INTS = new ArrayType(DataTypes.IntegerType, true);
    private static final Chunk ROWS = chunk(column(DataTypes.IntegerType, 1, 2, null),
            column(DataTypes.StringType, "a", "b", "c"), column(INTS, List.of(1, 2), Arrays.asList(3, null), null));
    private static final Expression N = ref(0, DataTypes.IntegerType, "n");
    private static final Expression S = ref(1, DataTypes.StringType, "s");
    private static final Expression ARRAY = ref(2, INTS, "xs");

    @Test
    void buildsArraysOfTheCommonType() {
        Expression array = call("array", N, Literal.of(10L));
        assertThat(array.dataType()).isEqualTo(new ArrayType(DataTypes.LongType, true));
        assertThat(values(array, ROWS)).containsExactly(List.of(1L, 10L), List.of(2L, 10L), Arrays.asList(null, 10L));
        assertThat(array.sql()).isEqualTo("array(n, 10)");
    }

    @Test
    void buildsStructsWithNamesFromColumnsOrPositions() {
        Expression named = call("named_struct", Literal.of("num"), N, Literal.of("text"), S);
        assertThat(named.dataType()).isEqualTo(new StructType().add("num", DataTypes.IntegerType)
                .add("text", DataTypes.StringType));
        assertThat(values(named, ROWS)).containsExactly(List.of(1, "a"), List.of(2, "b"), Arrays.asList(null, "c"));
        assertThat(named.sql()).isEqualTo("named_struct(num, n, text, s)");
        Expression struct = call("struct", N, new Alias(S, "label"), Literal.of(5));
        assertThat(((StructType) struct.dataType()).fieldNames()).containsExactly("n", "label", "col3");
        assertThat(values(struct, ROWS).get(0)).isEqualTo(List.of(1, "a", 5));
        assertThatThrownBy(() -> call("named_struct", Literal.of("a")))
                .hasMessageContaining("WRONG_NUM_ARGS");
    }

    @Test
    void measuresAndSearchesArrays() {
        assertThat(values(call("size", ARRAY), ROWS)).containsExactly(2, 2, null);
        assertThat(values(call(context("UTC", false), "size", ARRAY), ROWS)).containsExactly(2, 2, -1);
        MapType map = new MapType(DataTypes.StringType, DataTypes.IntegerType, true);
        assertThat(value(call("size", new Literal(Map.of("a", 1, "b", 2), map)))).isEqualTo(2);
        assertThat(values(call("array_contains", ARRAY, Literal.of(2)), ROWS)).containsExactly(true, null, null);
        assertThat(values(call("array_contains", ARRAY, Literal.of(3)), ROWS)).containsExactly(false, true, null);
        assertThatThrownBy(() -> call("size", Literal.of(1))).hasMessageContaining("UNEXPECTED_INPUT_TYPE");
    }

    @Test
    void accessesElementsByPositionOrKey() {
        assertThat(values(call("element_at", ARRAY, Literal.of(1)), ROWS)).containsExactly(1, 3, null);
        assertThat(values(call("element_at", ARRAY, Literal.of(-1)), ROWS)).containsExactly(2, null, null);
        MapType map = new MapType(DataTypes.StringType, DataTypes.IntegerType, true);
        Literal mapLiteral = new Literal(Map.of("a", 1), map);
        assertThat(value(call("element_at", mapLiteral, Literal.of("a")))).isEqualTo(1);
        assertThat(value(call("element_at", mapLiteral, Literal.of("z")))).isNull();
        assertThatThrownBy(() -> values(call("element_at", ARRAY, Literal.of(5)), ROWS))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("[INVALID_ARRAY_INDEX_IN_ELEMENT_AT] The index 5 is out of bounds. The array"
                        + " has 2 elements.");
        assertThatThrownBy(() -> values(call("element_at", ARRAY, Literal.of(0)), ROWS))
                .extracting(e -> ((SluiceException) e).getCondition()).isEqualTo("INVALID_INDEX_OF_ZERO");
        assertThat(values(call(context("UTC", false), "element_at", ARRAY, Literal.of(5)), ROWS))
                .containsExactly(null, null, null);
    }
}
