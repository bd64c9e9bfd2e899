package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import java.util.Arrays;

/**
 * Accumulator keeping one internal value per group, for aggregates whose state is a single value of the
 * input type (min, max, first, last, collect_*). Boxes values: meant for the less common aggregates.
 * The buffer layout is the one value itself.
 */
abstract class ObjectAccumulator implements Accumulator {
    protected Object[] values = new Object[16];
    protected boolean[] set = new boolean[16];

    @Override
    public void ensureGroups(int groupCount) {
        if (groupCount > values.length) {
            int size = Math.max(groupCount, values.length * 2);
            values = Arrays.copyOf(values, size);
            set = Arrays.copyOf(set, size);
        }
    }

    /** Folds one non-buffer input value (possibly null) into group {@code g}. */
    protected abstract void accept(int g, Object value);

    /** Folds an intermediate buffer value into group {@code g}; by default the same as {@link #accept}. */
    protected void acceptBuffer(int g, Object value) {
        accept(g, value);
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
        for (int i = 0; i < rowCount; i++) {
            accept(groupIds[i], args[0].getObject(i));
        }
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int rowCount) {
        for (int i = 0; i < rowCount; i++) {
            acceptBuffer(groupIds[i], buffers[0].getObject(i));
        }
    }

    @Override
    public void writeBuffers(int groupCount, ColumnVector[] out) {
        for (int g = 0; g < groupCount; g++) {
            writeResult(g, out[0]);
        }
    }

    @Override
    public void writeResult(int group, ColumnVector out) {
        out.appendObject(values[group]);
    }

    @Override
    public void reset() {
        Arrays.fill(values, null);
        Arrays.fill(set, false);
    }
}
