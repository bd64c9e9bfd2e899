package dev.sluice.expr.aggregate;

import dev.sluice.expr.Expression;
import dev.sluice.expr.ValueOrdering;
import dev.sluice.sql.types.DataType;
import java.util.List;

/** {@code min(x)} / {@code max(x)} over any orderable type; NULLs are ignored; NULL for an empty group. */
public final class MinMax extends AggregateFunction {
    private final boolean isMax;

    public MinMax(Expression child, boolean isMax) {
        super(List.of(child));
        this.isMax = isMax;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new MinMax(newChildren.get(0), isMax);
    }

    @Override
    public DataType dataType() {
        return arguments.get(0).dataType();
    }

    @Override
    public String prettyName() {
        return isMax ? "max" : "min";
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(dataType());
    }

    @Override
    public Accumulator createAccumulator() {
        DataType type = dataType();
        return new ObjectAccumulator() {
            @Override
            protected void accept(int g, Object value) {
                if (value == null) {
                    return;
                }
                if (values[g] == null) {
                    values[g] = value;
                    return;
                }
                int c = ValueOrdering.compareObjects(value, values[g], type);
                if (isMax ? c > 0 : c < 0) {
                    values[g] = value;
                }
            }
        };
    }
}
