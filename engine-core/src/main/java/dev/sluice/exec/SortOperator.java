package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.ValueOrdering;
import java.util.List;

/**
 * Stable sort of a whole input by sort keys (Spark's null placement: NULLS FIRST ascending, NULLS LAST
 * descending by default). Sorts an index array with a merge sort, then gathers once.
 */
public final class SortOperator {
    private final List<SortOrder> order;

    /** {@code order} must already be bound to the input columns. */
    public SortOperator(List<SortOrder> boundOrder) {
        this.order = List.copyOf(boundOrder);
    }

    /** A sort by {@code order}, bound here to the columns {@code input}. */
    public static SortOperator over(List<SortOrder> order, List<dev.sluice.expr.AttributeReference> input) {
        List<SortOrder> bound = new java.util.ArrayList<>();
        for (SortOrder o : order) {
            bound.add((SortOrder) Binder.bind(o, input));
        }
        return new SortOperator(bound);
    }

    public Chunk sort(Chunk input) {
        int[] index = sortedIndex(input, order);
        return input.take(index, input.rowCount());
    }

    /** Row positions of {@code input} in sorted order. */
    public static int[] sortedIndex(Chunk input, List<SortOrder> order) {
        int n = input.rowCount();
        ColumnVector[] keys = new ColumnVector[order.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ((Expression) order.get(k).child()).eval(input);
        }
        int[] index = new int[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        int[] scratch = new int[Math.max(n, 1)];
        mergeSort(index, scratch, 0, n, (a, b) -> compareRows(keys, order, a, b));
        return index;
    }

    /** Compares rows {@code a} and {@code b} by the sort keys. */
    public static int compareRows(ColumnVector[] keys, List<SortOrder> order, int a, int b) {
        for (int k = 0; k < keys.length; k++) {
            SortOrder o = order.get(k);
            boolean na = keys[k].isNull(a);
            boolean nb = keys[k].isNull(b);
            int c;
            if (na || nb) {
                if (na && nb) {
                    continue;
                }
                c = na == o.nullsFirst() ? -1 : 1;
                return c;
            }
            c = ValueOrdering.compare(keys[k], a, keys[k], b);
            if (c != 0) {
                return o.ascending() ? c : -c;
            }
        }
        return 0;
    }

    /** Row comparator over int positions. */
    interface IntComparator {
        int compare(int a, int b);
    }

    static void mergeSort(int[] a, int[] scratch, int from, int to, IntComparator cmp) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, scratch, from, mid, cmp);
        mergeSort(a, scratch, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, scratch, from, to - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            a[k++] = cmp.compare(scratch[j], scratch[i]) < 0 ? scratch[j++] : scratch[i++];
        }
        while (i < mid) {
            a[k++] = scratch[i++];
        }
        while (j < to) {
            a[k++] = scratch[j++];
        }
    }
}
