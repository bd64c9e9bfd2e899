package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataTypes;
import java.util.List;
import java.util.function.UnaryOperator;

/** A string to string function ({@code lower}, {@code trim}, ...); null in, null out. Immutable and thread-safe. */
public final class UnaryStringFunction extends ScalarFunction {
    private final UnaryOperator<String> operation;

    public UnaryStringFunction(String name, Expression child, UnaryOperator<String> operation) {
        super(name, List.of(child), DataTypes.StringType);
        this.operation = operation;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new UnaryStringFunction(name(), newChildren.get(0), operation);
    }

    @Override
    public boolean nullable() {
        return children().get(0).nullable();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector values = children().get(0).eval(input);
        int rows = input.rowCount();
        ColumnVector out = ColumnVector.allocate(DataTypes.StringType, rows);
        for (int row = 0; row < rows; row++) {
            if (values.isNull(row)) {
                out.appendNull();
            } else {
                out.appendString(operation.apply(values.getString(row)));
            }
        }
        return out;
    }
}
