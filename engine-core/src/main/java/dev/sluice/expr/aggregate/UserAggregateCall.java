package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * A call of a {@link UserAggregate} (Spark's {@code ScalaAggregator}/{@code TypedAggregateExpression}): each
 * group keeps one buffer object, folded row by row; partial aggregation and streaming state hold the buffer
 * in its {@link UserAggregate#bufferType()} form. A failure of user code is {@code FAILED_EXECUTE_UDF}.
 * Immutable; its accumulators are owned by one task each.
 */
public final class UserAggregateCall extends AggregateFunction {
    private final UserAggregate aggregate;

    public UserAggregateCall(UserAggregate aggregate, List<Expression> arguments) {
        super(arguments);
        this.aggregate = aggregate;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new UserAggregateCall(aggregate, newChildren);
    }

    @Override
    public DataType dataType() {
        return aggregate.returnType();
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public String prettyName() {
        return aggregate.name();
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(aggregate.bufferType());
    }

    @Override
    public Accumulator createAccumulator() {
        return new UserAccumulator(aggregate.bind(arguments.stream().map(Expression::dataType).toList()));
    }

    private SluiceException failure(Exception e) {
        return new SluiceException("FAILED_EXECUTE_UDF", "User defined function (`" + aggregate.name() + "`: ("
                + String.join(", ", arguments.stream().map(a -> a.dataType().simpleString()).toList()) + ") => "
                + dataType().simpleString() + ") failed due to: " + e + ".", "39000", e);
    }

    /** One buffer object per group. */
    private final class UserAccumulator implements Accumulator {
        private final UserAggregate.Binding binding;
        private Object[] buffers = new Object[16];

        UserAccumulator(UserAggregate.Binding binding) {
            this.binding = binding;
        }

        @Override
        public void ensureGroups(int groupCount) {
            if (groupCount > buffers.length) {
                buffers = Arrays.copyOf(buffers, Math.max(groupCount, buffers.length * 2));
            }
        }

        private Object buffer(int group) throws Exception {
            if (buffers[group] == null) {
                buffers[group] = binding.zero();
            }
            return buffers[group];
        }

        @Override
        public void update(int[] groupIds, ColumnVector[] arguments, int rowCount) {
            Object[] row = new Object[arguments.length];
            try {
                for (int i = 0; i < rowCount; i++) {
                    for (int a = 0; a < row.length; a++) {
                        row[a] = arguments[a].isNull(i) ? null : arguments[a].getObject(i);
                    }
                    int g = groupIds[i];
                    buffers[g] = binding.reduce(buffer(g), row);
                }
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        public void merge(int[] groupIds, ColumnVector[] stored, int rowCount) {
            try {
                for (int i = 0; i < rowCount; i++) {
                    if (stored[0].isNull(i)) {
                        continue;
                    }
                    int g = groupIds[i];
                    buffers[g] = binding.merge(buffer(g), binding.load(stored[0].getObject(i)));
                }
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        public void writeBuffers(int groupCount, ColumnVector[] out) {
            try {
                for (int g = 0; g < groupCount; g++) {
                    out[0].appendObject(binding.store(buffer(g)));
                }
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        public void writeResult(int group, ColumnVector out) {
            try {
                out.appendObject(binding.finish(buffer(group)));
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        public void reset() {
            Arrays.fill(buffers, null);
        }
    }
}
