package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataTypes;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * An int field of a timestamp ({@code hour}, {@code minute}, {@code second}); the operation receives
 * microseconds since the epoch and knows the session time zone. Null in, null out. Immutable and thread-safe.
 */
public final class TimestampFieldFunction extends ScalarFunction {
    private final LongToIntFunction operation;

    public TimestampFieldFunction(String name, Expression child, LongToIntFunction operation) {
        super(name, List.of(child), DataTypes.IntegerType);
        this.operation = operation;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new TimestampFieldFunction(name(), newChildren.get(0), operation);
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
                out[row] = operation.applyAsInt(values.getLong(row));
            }
        }
        boolean[] nulls = values.nullsArray();
        return IntVector.wrap(DataTypes.IntegerType, out, rows, nulls == null ? null : nulls.clone());
    }
}
