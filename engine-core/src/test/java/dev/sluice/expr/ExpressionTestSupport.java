package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.scalar.ScalarFunctions;
import dev.sluice.sql.types.DataType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builders for vectors, chunks and function calls used by the expression tests. */
public final class ExpressionTestSupport {
    /** A registry with only the scalar functions, independent of the other families. */
    public static final FunctionRegistry REGISTRY = createRegistry();

    private ExpressionTestSupport() {
    }

    private static FunctionRegistry createRegistry() {
        FunctionRegistry registry = new FunctionRegistry();
        ScalarFunctions.registerAll(registry);
        return registry;
    }

    /** A vector of the given internal values (null for NULL). */
    public static ColumnVector column(DataType type, Object... values) {
        ColumnVector vector = ColumnVector.allocate(type, values.length);
        for (Object value : values) {
            vector.appendObject(value);
        }
        return vector;
    }

    public static Chunk chunk(ColumnVector... columns) {
        return new Chunk(columns.length == 0 ? 1 : columns[0].size(), columns);
    }

    /** A one-row chunk without columns: for calls over literals. */
    public static Chunk oneRow() {
        return new Chunk(1);
    }

    public static BoundReference ref(int ordinal, DataType type, String name) {
        return new BoundReference(ordinal, type, true, name);
    }

    public static Expression call(String name, Expression... arguments) {
        return REGISTRY.build(name, Arrays.asList(arguments), FunctionContext.DEFAULT);
    }

    public static Expression call(FunctionContext context, String name, Expression... arguments) {
        return REGISTRY.build(name, Arrays.asList(arguments), context);
    }

    /** The values of {@code expression} over {@code input}, in internal form. */
    public static List<Object> values(Expression expression, Chunk input) {
        ColumnVector vector = expression.eval(input);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            out.add(vector.getObject(i));
        }
        return out;
    }

    /** The single value of {@code expression} over a one-row chunk. */
    public static Object value(Expression expression) {
        return values(expression, oneRow()).get(0);
    }

    public static FunctionContext context(String zone, boolean ansi) {
        return new FunctionContext(ZoneId.of(zone), ansi);
    }
}
