package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.exec.HashAggregator;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation of a pipeline's morsels on the execution's threads: each worker folds a contiguous range of
 * morsels into its own {@link HashAggregator}, and the partial aggregators are merged in range order, so the
 * groups come out in the first-seen order of a single-threaded run. Used by the batch aggregation and by the
 * partial (per-batch) step of streaming aggregations. Stateless.
 */
public final class ParallelAggregation {
    /** Ranges of morsels per worker in {@link #aggregateResult}: enough to even out the workers, few to merge. */
    static final int RANGES_PER_WORKER = 4;
    /** Groups per lookup task of the parallel merge. */
    private static final int LOOKUP_SLICE = 4096;

    private ParallelAggregation() {
    }

    /** Aggregates every chunk pushed by {@code morsels}, in parallel where the context allows. */
    public static HashAggregator aggregate(ExecutionContext context, AggregationSpec spec,
                                           java.util.Iterator<Morsel> morselIterator) {
        // contiguous ranges need the count: the morsels (closures over chunks) are listed first
        List<Morsel> morsels = new java.util.ArrayList<>();
        morselIterator.forEachRemaining(morsels::add);
        if (!ParallelRunner.parallel(context, morsels)) {
            return oneThread(spec, morsels);
        }
        List<HashAggregator> partials = ParallelRunner.foldRanges(context, morsels, () -> new HashAggregator(spec),
                HashAggregator::add);
        return merge(partials);
    }

    private static HashAggregator oneThread(AggregationSpec spec, List<Morsel> morsels) {
        HashAggregator aggregator = new HashAggregator(spec);
        for (Morsel m : morsels) {
            m.run(aggregator::add);
        }
        return aggregator;
    }

    private static HashAggregator merge(List<HashAggregator> partials) {
        HashAggregator merged = partials.get(0);
        for (int i = 1; i < partials.size(); i++) {
            merged.mergeFrom(partials.get(i));
        }
        return merged;
    }

    /**
     * The result rows of aggregating every chunk pushed by {@code morsels}: exactly {@code aggregate(...).result()}'s
     * rows in the same order, but with the merge spread over the context's threads. The input is folded in
     * {@value #RANGES_PER_WORKER} ranges per worker, taken by whichever worker is free (so both finish together);
     * then, instead of inserting every later range's groups into the first range's table on one thread, each
     * range's groups are looked up in the earlier ranges' tables in parallel (reads only). A group is output by
     * the earliest range holding it, with the buffers of the later ranges holding it merged in range order (on
     * one thread: few groups span ranges); each range computes its own result rows in parallel. The output is one
     * chunk per range, in range order: a group's position is that of its first row in the input, as in one
     * table. Aggregations without packed keys (string keys, global aggregations) merge as {@link #aggregate} does.
     */
    public static List<Chunk> aggregateResult(ExecutionContext context, AggregationSpec spec,
                                              java.util.Iterator<Morsel> morselIterator) {
        List<Morsel> morsels = new java.util.ArrayList<>();
        morselIterator.forEachRemaining(morsels::add);
        if (!ParallelRunner.parallel(context, morsels)) {
            return oneThread(spec, morsels).result();
        }
        List<HashAggregator> partials = ParallelRunner.foldRanges(context, morsels, RANGES_PER_WORKER,
                () -> new HashAggregator(spec), HashAggregator::add);
        if (partials.size() == 1 || !partials.get(0).packedKeys()) {
            return merge(partials).result();
        }
        int k = partials.size();
        // owner[j][g]: the earliest range i < j holding group g of range j, found[j][g] its group there (-1: none)
        int[][] owner = new int[k][];
        int[][] found = new int[k][];
        List<int[]> tasks = new ArrayList<>(); // {range j, first group, end group}
        for (int j = 0; j < k; j++) {
            int n = partials.get(j).groupCount();
            owner[j] = new int[n];
            found[j] = new int[n];
            java.util.Arrays.fill(owner[j], -1);
            for (int from = 0; j > 0 && from < n; from += LOOKUP_SLICE) {
                tasks.add(new int[] {j, from, Math.min(n, from + LOOKUP_SLICE)});
            }
        }
        ParallelRunner.forEachIndex(context, tasks.size(), t -> {
            int[] task = tasks.get(t);
            int j = task[0];
            int[] scratch = new int[partials.get(j).groupCount()];
            for (int i = 0; i < j; i++) {
                partials.get(i).findGroupsOf(partials.get(j), task[1], task[2], scratch);
                for (int g = task[1]; g < task[2]; g++) {
                    if (owner[j][g] < 0 && scratch[g] >= 0) {
                        owner[j][g] = i;
                        found[j][g] = scratch[g];
                    }
                }
            }
        });
        // merge the shared groups into their owners, range after range (the order one merged table adds them in)
        // (this runs on the query thread alone: one counting pass per range, arrays only where groups are shared)
        for (int j = 1; j < k; j++) {
            int[] perOwner = new int[j + 1];
            for (int g = 0; g < owner[j].length; g++) {
                if (owner[j][g] >= 0) {
                    perOwner[owner[j][g] + 1]++;
                }
            }
            int shared = 0;
            for (int i = 0; i < j; i++) {
                shared += perOwner[i + 1];
                perOwner[i + 1] = shared; // now the end of owner i's stretch; perOwner[i] its start
            }
            if (shared == 0) {
                continue;
            }
            // rows and targets by owner, each owner's stretch in group order
            int[] rows = new int[shared];
            int[] targets = new int[shared];
            int[] next = java.util.Arrays.copyOf(perOwner, j);
            for (int g = 0; g < owner[j].length; g++) {
                int i = owner[j][g];
                if (i >= 0) {
                    rows[next[i]] = g;
                    targets[next[i]++] = found[j][g];
                }
            }
            ColumnVector[][] buffers = partials.get(j).buffers();
            for (int i = 0; i < j; i++) {
                int count = perOwner[i + 1] - perOwner[i];
                if (count > 0) {
                    int from = perOwner[i];
                    partials.get(i).mergeGroups(buffers, java.util.Arrays.copyOfRange(rows, from, from + count),
                            java.util.Arrays.copyOfRange(targets, from, from + count), count);
                }
            }
        }
        Chunk[] results = new Chunk[k];
        ParallelRunner.forEachIndex(context, k, j -> {
            Chunk all = partials.get(j).result().get(0);
            int[] own = new int[Math.max(owner[j].length, 1)];
            int count = 0;
            for (int g = 0; g < owner[j].length; g++) {
                if (owner[j][g] < 0) {
                    own[count++] = g;
                }
            }
            results[j] = count == all.rowCount() ? all : all.take(own, count);
        });
        List<Chunk> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (j == 0 || results[j].rowCount() > 0) {
                out.add(results[j]);
            }
        }
        return out;
    }
}
