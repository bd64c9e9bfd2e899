package dev.sluice.expr.aggregate;

import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * {@code first(x[, ignoreNulls])} / {@code last(x[, ignoreNulls])}: the first or last value seen in input
 * order (which, as in Spark, is only deterministic when the input order is).
 */
public final class FirstLast extends AggregateFunction {
    private final boolean isLast;
    private final boolean ignoreNulls;

    public FirstLast(Expression child, boolean isLast, boolean ignoreNulls) {
        super(List.of(child));
        this.isLast = isLast;
        this.ignoreNulls = ignoreNulls;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new FirstLast(newChildren.get(0), isLast, ignoreNulls);
    }

    @Override
    public DataType dataType() {
        return arguments.get(0).dataType();
    }

    @Override
    public String prettyName() {
        return isLast ? "last" : "first";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + arguments.get(0).sql() + ")";
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(dataType());
    }

    @Override
    public Accumulator createAccumulator() {
        return new ObjectAccumulator() {
            @Override
            protected void accept(int g, Object value) {
                if (value == null && ignoreNulls) {
                    return;
                }
                if (isLast || !set[g]) {
                    values[g] = value;
                    set[g] = true;
                }
            }
        };
    }
}
