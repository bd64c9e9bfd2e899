package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataTypes;
import java.util.List;
import java.util.function.ToIntFunction;

/** A string to int function ({@code length}, {@code ascii}); null in, null out. Immutable and thread-safe. */
public final class StringToIntFunction extends ScalarFunction {
    private final ToIntFunction<String> operation;

    public StringToIntFunction(String name, Expression child, ToIntFunction<String> operation) {
        super(name, List.of(child), DataTypes.IntegerType);
        this.operation = operation;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new StringToIntFunction(name(), newChildren.get(0), operation);
    }

    @Override
    public boolean nullable() {
        return children().get(0).nullable();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector values = children().get(0).eval(input);
        int rows = input.rowCount();
        int[] out = new int[Math.max(rows, 1)];
        for (int row = 0; row < rows; row++) {
            if (!values.isNull(row)) {
                out[row] = operation.applyAsInt(values.getString(row));
            }
        }
        boolean[] nulls = values.nullsArray();
        return IntVector.wrap(DataTypes.IntegerType, out, rows, nulls == null ? null : nulls.clone());
    }
}
