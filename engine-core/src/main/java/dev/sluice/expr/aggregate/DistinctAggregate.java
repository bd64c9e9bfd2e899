package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code f(DISTINCT x, ...)}: keeps the distinct argument tuples of each group and applies {@code f} to
 * them when the result is read. Buffer: an array of argument structs.
 */
public final class DistinctAggregate extends AggregateFunction {
    private final AggregateFunction function;

    public DistinctAggregate(AggregateFunction function) {
        super(function.children());
        this.function = function;
    }

    public AggregateFunction function() {
        return function;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new DistinctAggregate((AggregateFunction) function.withNewChildren(newChildren));
    }

    @Override
    public DataType dataType() {
        return function.dataType();
    }

    @Override
    public boolean nullable() {
        return function.nullable();
    }

    @Override
    public String sql() {
        String inner = function.sql();
        int open = inner.indexOf('(');
        return inner.substring(0, open + 1) + "DISTINCT " + inner.substring(open + 1);
    }

    private StructType tupleType() {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            fields.add(new StructField("col" + (i + 1), arguments.get(i).dataType(), true));
        }
        return new StructType(fields);
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(new ArrayType(tupleType(), false));
    }

    @Override
    public Accumulator createAccumulator() {
        Accumulator inner = function.createAccumulator();
        List<DataType> argumentTypes = arguments.stream().map(Expression::dataType).toList();
        return new ObjectAccumulator() {
            @SuppressWarnings("unchecked")
            private LinkedHashSet<List<Object>> tuples(int g) {
                if (values[g] == null) {
                    values[g] = new LinkedHashSet<List<Object>>();
                }
                return (LinkedHashSet<List<Object>>) values[g];
            }

            @Override
            protected void accept(int g, Object value) {
                throw new IllegalStateException("update is overridden");
            }

            @Override
            public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
                for (int i = 0; i < rowCount; i++) {
                    Object[] tuple = new Object[args.length];
                    for (int a = 0; a < args.length; a++) {
                        tuple[a] = args[a].getObject(i);
                    }
                    tuples(groupIds[i]).add(Arrays.asList(tuple));
                }
            }

            @Override
            @SuppressWarnings("unchecked")
            protected void acceptBuffer(int g, Object value) {
                for (Object tuple : (List<Object>) value) {
                    tuples(g).add((List<Object>) tuple);
                }
            }

            @Override
            public void writeBuffers(int groupCount, ColumnVector[] out) {
                for (int g = 0; g < groupCount; g++) {
                    out[0].appendObject(new ArrayList<>(tuples(g)));
                }
            }

            @Override
            public void writeResult(int group, ColumnVector out) {
                LinkedHashSet<List<Object>> set = tuples(group);
                ColumnVector[] columns = new ColumnVector[argumentTypes.size()];
                for (int a = 0; a < columns.length; a++) {
                    columns[a] = ColumnVector.allocate(argumentTypes.get(a), set.size());
                }
                for (List<Object> tuple : set) {
                    for (int a = 0; a < columns.length; a++) {
                        columns[a].appendObject(tuple.get(a));
                    }
                }
                inner.reset();
                inner.ensureGroups(1);
                inner.update(new int[Math.max(set.size(), 1)], columns, set.size());
                inner.writeResult(0, out);
            }
        };
    }
}
