package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.aggregate.Accumulator;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.expr.window.OffsetFunction;
import dev.sluice.expr.window.RankingFunction;
import dev.sluice.expr.window.WindowExpression;
import dev.sluice.expr.window.WindowFrame;
import dev.sluice.plan.logical.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates window functions sharing one PARTITION BY / ORDER BY: sorts the whole input by (partition,
 * order) and computes each function partition by partition. Output rows come in that sorted order, as in
 * Spark. Aggregates use an accumulator per frame; frames starting at UNBOUNDED PRECEDING are computed
 * incrementally.
 */
public final class WindowOperator {
    private final List<Expression> partitionSpec;
    private final List<SortOrder> orderSpec;
    private final List<WindowExpression> functions = new ArrayList<>();

    public WindowOperator(Window plan) {
        List<AttributeReference> input = plan.child().output();
        this.partitionSpec = Binder.bindAll(plan.partitionSpec(), input);
        List<SortOrder> order = new ArrayList<>();
        for (SortOrder o : plan.orderSpec()) {
            order.add((SortOrder) Binder.bind(o, input));
        }
        this.orderSpec = order;
        for (Expression e : plan.windowExpressions()) {
            WindowExpression w = (WindowExpression) ((Alias) e).child();
            functions.add((WindowExpression) Binder.bind(w, input));
        }
    }

    public Chunk execute(Chunk input) {
        List<SortOrder> fullOrder = new ArrayList<>();
        for (Expression p : partitionSpec) {
            fullOrder.add(SortOrder.of(p, true));
        }
        fullOrder.addAll(orderSpec);
        Chunk sorted = fullOrder.isEmpty() ? input : input.take(SortOperator.sortedIndex(input, fullOrder), input.rowCount());
        int n = sorted.rowCount();
        ColumnVector[] partitionKeys = evalAll(partitionSpec, sorted);
        ColumnVector[] orderKeys = evalAll(orderSpec.stream().map(o -> (Expression) o.child()).toList(), sorted);
        ColumnVector[] outputs = new ColumnVector[functions.size()];
        for (int f = 0; f < outputs.length; f++) {
            outputs[f] = ColumnVector.allocate(functions.get(f).dataType(), n);
        }
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && sameKeys(partitionKeys, start, end)) {
                end++;
            }
            for (int f = 0; f < functions.size(); f++) {
                computePartition(functions.get(f), sorted, orderKeys, start, end, outputs[f]);
            }
            start = end;
        }
        ColumnVector[] columns = new ColumnVector[sorted.columnCount() + outputs.length];
        for (int c = 0; c < sorted.columnCount(); c++) {
            columns[c] = sorted.column(c);
        }
        System.arraycopy(outputs, 0, columns, sorted.columnCount(), outputs.length);
        return new Chunk(n, columns);
    }

    private static ColumnVector[] evalAll(List<Expression> expressions, Chunk input) {
        ColumnVector[] out = new ColumnVector[expressions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expressions.get(i).eval(input);
        }
        return out;
    }

    private static boolean sameKeys(ColumnVector[] keys, int a, int b) {
        for (ColumnVector k : keys) {
            if (!k.valueEquals(a, k, b)) {
                return false;
            }
        }
        return true;
    }

    private void computePartition(WindowExpression w, Chunk sorted, ColumnVector[] orderKeys, int start, int end,
                                  ColumnVector out) {
        Expression function = w.function();
        if (function instanceof RankingFunction r) {
            int rank = 0;
            int dense = 0;
            for (int i = start; i < end; i++) {
                boolean newPeerGroup = i == start || !sameKeys(orderKeys, i - 1, i);
                if (newPeerGroup) {
                    rank = i - start + 1;
                    dense++;
                }
                out.appendInt(switch (r.kind()) {
                    case ROW_NUMBER -> i - start + 1;
                    case RANK -> rank;
                    case DENSE_RANK -> dense;
                });
            }
        } else if (function instanceof OffsetFunction o) {
            ColumnVector values = o.input().eval(sorted);
            ColumnVector defaults = o.defaultValue() == null ? null : o.defaultValue().eval(sorted);
            for (int i = start; i < end; i++) {
                int target = i + o.signedOffset();
                if (target >= start && target < end) {
                    out.appendFrom(values, target);
                } else if (defaults != null) {
                    out.appendFrom(defaults, i);
                } else {
                    out.appendNull();
                }
            }
        } else {
            computeAggregate((AggregateFunction) function, w.frame(), sorted, orderKeys, start, end, out);
        }
    }

    private static void computeAggregate(AggregateFunction function, WindowFrame frame, Chunk sorted,
                                         ColumnVector[] orderKeys, int start, int end, ColumnVector out) {
        List<Expression> argExpressions = function.children();
        ColumnVector[] args = evalAll(argExpressions, sorted);
        Accumulator acc = function.createAccumulator();
        acc.ensureGroups(1);
        int[] zeros = new int[Chunk.DEFAULT_ROWS];
        if (frame.lower() == WindowFrame.UNBOUNDED_PRECEDING) {
            int added = start;
            for (int i = start; i < end; i++) {
                int upper = frameUpper(frame, orderKeys, i, start, end);
                if (upper > added) {
                    addRange(acc, args, added, upper, zeros);
                    added = upper;
                }
                acc.writeResult(0, out);
            }
            return;
        }
        for (int i = start; i < end; i++) {
            int lower = frame.rows() ? (int) Math.max(start, i + frame.lower()) : peerStart(orderKeys, i, start);
            int upper = frameUpper(frame, orderKeys, i, start, end);
            acc.reset();
            acc.ensureGroups(1);
            if (upper > lower) {
                addRange(acc, args, lower, upper, zeros);
            }
            acc.writeResult(0, out);
        }
    }

    /** Exclusive end of the frame of row {@code i}. */
    private static int frameUpper(WindowFrame frame, ColumnVector[] orderKeys, int i, int start, int end) {
        if (frame.upper() == WindowFrame.UNBOUNDED_FOLLOWING) {
            return end;
        }
        if (!frame.rows()) {
            int j = i + 1;
            while (j < end && sameKeys(orderKeys, i, j)) {
                j++;
            }
            return j;
        }
        return (int) Math.min(end, Math.max(start, i + frame.upper() + 1));
    }

    private static int peerStart(ColumnVector[] orderKeys, int i, int start) {
        int j = i;
        while (j > start && sameKeys(orderKeys, j - 1, i)) {
            j--;
        }
        return j;
    }

    private static void addRange(Accumulator acc, ColumnVector[] args, int from, int to, int[] zeros) {
        ColumnVector[] slice = new ColumnVector[args.length];
        for (int a = 0; a < args.length; a++) {
            slice[a] = args[a].copyRange(from, to);
        }
        int count = to - from;
        int[] groups = count <= zeros.length ? zeros : new int[count];
        acc.update(groups, slice, count);
    }
}
