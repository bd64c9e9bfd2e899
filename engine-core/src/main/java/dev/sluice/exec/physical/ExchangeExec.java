package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.Binder;
import dev.sluice.exec.Chunks;
import dev.sluice.exec.SortOperator;
import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.TaskPartition;
import dev.sluice.expr.random.XorShiftRandom;
import dev.sluice.plan.logical.Repartition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Redistributes its input's rows into {@code n} partitions (Spark's {@code ShuffleExchangeExec} of
 * {@code repartition}/{@code repartitionByRange}); a pipeline breaker. Round robin deals the rows of input
 * partition {@code p} in turn from Spark's start position {@code XORShiftRandom(p).nextInt(n) + 1}; hash sends a row
 * to {@code pmod(hash(cols), n)} with Spark's Murmur3 {@code hash}, as Spark; range cuts the sorted keys into
 * {@code n} runs of about equal size with Spark's {@code RangePartitioner.determineBounds} over every row (Spark
 * samples, which is the same for inputs of up to 100·n rows per input partition). Within a partition, rows keep
 * their input order (range: key order). The output partitions run on worker threads as morsels.
 */
public final class ExchangeExec extends PartitionedUnaryExec {
    private static final AtomicInteger PLAN_IDS = new AtomicInteger();
    private final Repartition.Kind kind;
    private final int numPartitions;
    private final List<Expression> expressions;
    private final Expression boundHash;
    private final List<SortOrder> boundOrder;
    private final boolean byColumnsOnly;
    private final int planId = PLAN_IDS.incrementAndGet();

    /**
     * @param hash          the resolved {@code hash(cols)} of a hash exchange, else null
     * @param byColumnsOnly whether the number of partitions was not given ({@code REPARTITION_BY_COL})
     */
    public ExchangeExec(Repartition.Kind kind, int numPartitions, List<Expression> expressions, Expression hash,
            boolean byColumnsOnly, PhysicalPlan child) {
        super(child);
        this.kind = kind;
        this.numPartitions = numPartitions;
        this.expressions = List.copyOf(expressions);
        this.boundHash = hash == null ? null : Binder.bind(hash, child.output());
        this.byColumnsOnly = byColumnsOnly;
        List<SortOrder> order = new ArrayList<>();
        if (kind == Repartition.Kind.RANGE) {
            for (Expression e : expressions) {
                order.add((SortOrder) Binder.bind(e, child.output()));
            }
        }
        this.boundOrder = order;
    }

    @Override
    public String nodeName() {
        return "Exchange";
    }

    @Override
    public String argString() {
        String partitioning = switch (kind) {
            case ROUND_ROBIN -> "RoundRobinPartitioning(" + numPartitions + ")";
            case HASH -> "hashpartitioning(" + inner(list(expressions)) + ", " + numPartitions + ")";
            default -> "rangepartitioning(" + String.join(", ", expressions.stream().map(e -> {
                Expression key = ((SortOrder) e).child();
                return e.sql().replace(key.sql(), render(key));
            }).toList()) + ", " + numPartitions + ")";
        };
        return partitioning + ", " + (byColumnsOnly ? "REPARTITION_BY_COL" : "REPARTITION_BY_NUM") + ", [plan_id="
                + planId + "]";
    }

    private static String inner(String bracketed) {
        return bracketed.substring(1, bracketed.length() - 1);
    }

    @Override
    public Iterator<Morsel> partitionMorsels(ExecutionContext context) {
        return Morsel.ofPartitions(partitions(context));
    }

    private List<List<Chunk>> partitions(ExecutionContext context) {
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            List<List<Chunk>> out = new ArrayList<>();
            for (int i = 0; i < numPartitions; i++) {
                out.add(new ArrayList<>());
            }
            switch (kind) {
                case ROUND_ROBIN -> roundRobin(context, out, held);
                case HASH -> {
                    for (Chunk c : gather(context, child(), held)) {
                        ColumnVector hashes = boundHash.eval(c);
                        distribute(c, row -> Math.floorMod(hashes.getInt(row), numPartitions), out);
                    }
                }
                default -> byRange(context, out, held);
            }
            return out;
        }
    }

    private void roundRobin(ExecutionContext context, List<List<Chunk>> out, MemoryBudget.Reservation held) {
        child().partitionMorsels(context).forEachRemaining(m -> {
            int[] position = {Integer.MIN_VALUE};
            m.run(c -> {
                held.add(c);
                if (position[0] == Integer.MIN_VALUE) {
                    position[0] = new XorShiftRandom(TaskPartition.current().index()).nextInt(numPartitions);
                }
                int start = position[0];
                distribute(c, row -> Math.floorMod(start + row + 1, numPartitions), out);
                position[0] = start + c.rowCount();
            });
        });
    }

    private void byRange(ExecutionContext context, List<List<Chunk>> out, MemoryBudget.Reservation held) {
        Chunk all = Chunks.gather(gather(context, child(), held), child().output());
        int n = all.rowCount();
        if (n == 0) {
            return;
        }
        int[] index = SortOperator.sortedIndex(all, boundOrder);
        ColumnVector[] keys = new ColumnVector[boundOrder.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ((Expression) boundOrder.get(k).child()).eval(all);
        }
        // Spark's determineBounds with every row a candidate of weight 1
        double step = (double) n / numPartitions;
        double target = step;
        double cumulative = 0;
        int bounds = 0;
        int previousBound = -1;
        int[] partitionOf = new int[n];
        int current = 0;
        for (int i = 0; i < n; i++) {
            int row = index[i];
            if (previousBound >= 0 && SortOperator.compareRows(keys, boundOrder, row, previousBound) > 0
                    && current < bounds) {
                current = bounds;
            }
            partitionOf[i] = current;
            cumulative += 1;
            if (bounds < numPartitions - 1 && cumulative >= target
                    && (previousBound < 0 || SortOperator.compareRows(keys, boundOrder, row, previousBound) > 0)) {
                previousBound = row;
                bounds++;
                target += step;
            }
        }
        int from = 0;
        while (from < n) {
            int to = from;
            while (to < n && partitionOf[to] == partitionOf[from]) {
                to++;
            }
            int[] rows = java.util.Arrays.copyOfRange(index, from, to);
            for (Chunk c : Chunks.split(all.take(rows, rows.length))) {
                out.get(partitionOf[from]).add(c);
            }
            from = to;
        }
    }

    /** Appends each row of {@code c} to the partition {@code target} gives it, keeping the row order. */
    private static void distribute(Chunk c, java.util.function.IntUnaryOperator target, List<List<Chunk>> out) {
        int n = c.rowCount();
        int parts = out.size();
        int[] counts = new int[parts];
        int[] targets = new int[n];
        for (int row = 0; row < n; row++) {
            targets[row] = target.applyAsInt(row);
            counts[targets[row]]++;
        }
        int[][] rows = new int[parts][];
        for (int p = 0; p < parts; p++) {
            rows[p] = new int[counts[p]];
            counts[p] = 0;
        }
        for (int row = 0; row < n; row++) {
            int p = targets[row];
            rows[p][counts[p]++] = row;
        }
        for (int p = 0; p < parts; p++) {
            if (counts[p] > 0) {
                out.get(p).add(counts[p] == n ? c : c.take(rows[p], counts[p]));
            }
        }
    }
}
