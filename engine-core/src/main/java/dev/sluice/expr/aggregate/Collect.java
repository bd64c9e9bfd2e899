package dev.sluice.expr.aggregate;

import dev.sluice.expr.Expression;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code collect_list(x)} (input order, NULLs skipped) and {@code collect_set(x)} (distinct values). */
public final class Collect extends AggregateFunction {
    private final boolean distinct;

    public Collect(Expression child, boolean distinct) {
        super(List.of(child));
        this.distinct = distinct;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new Collect(newChildren.get(0), distinct);
    }

    @Override
    public DataType dataType() {
        return new ArrayType(arguments.get(0).dataType(), false);
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String prettyName() {
        return distinct ? "collect_set" : "collect_list";
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(dataType());
    }

    @Override
    public Accumulator createAccumulator() {
        return new ObjectAccumulator() {
            @SuppressWarnings("unchecked")
            private java.util.Collection<Object> bag(int g) {
                if (values[g] == null) {
                    values[g] = distinct ? new LinkedHashSet<>() : new ArrayList<>();
                }
                return (java.util.Collection<Object>) values[g];
            }

            @Override
            protected void accept(int g, Object value) {
                if (value != null) {
                    bag(g).add(value);
                }
            }

            @Override
            protected void acceptBuffer(int g, Object value) {
                if (value != null) {
                    bag(g).addAll((List<?>) value);
                }
            }

            @Override
            public void writeResult(int group, dev.sluice.batch.ColumnVector out) {
                out.appendObject(values[group] == null ? List.of() : new ArrayList<>(bag(group)));
            }
        };
    }
}
