package dev.sluice.exec.physical;

import dev.sluice.exec.AggregationSpec;
import dev.sluice.exec.HashAggregator;
import java.util.List;

/**
 * Hash aggregation of a pipeline's morsels on the execution's threads: each worker folds a contiguous range of
 * morsels into its own {@link HashAggregator}, and the partial aggregators are merged in range order, so the
 * groups come out in the first-seen order of a single-threaded run. Used by the batch aggregation and by the
 * partial (per-batch) step of streaming aggregations. Stateless.
 */
public final class ParallelAggregation {
    private ParallelAggregation() {
    }

    /** Aggregates every chunk pushed by {@code morsels}, in parallel where the context allows. */
    public static HashAggregator aggregate(ExecutionContext context, AggregationSpec spec,
                                           java.util.Iterator<Morsel> morselIterator) {
        // contiguous ranges need the count: the morsels (closures over chunks) are listed first
        List<Morsel> morsels = new java.util.ArrayList<>();
        morselIterator.forEachRemaining(morsels::add);
        if (!ParallelRunner.parallel(context, morsels)) {
            HashAggregator aggregator = new HashAggregator(spec);
            for (Morsel m : morsels) {
                m.run(aggregator::add);
            }
            return aggregator;
        }
        List<HashAggregator> partials = ParallelRunner.foldRanges(context, morsels, () -> new HashAggregator(spec),
                HashAggregator::add);
        HashAggregator merged = partials.get(0);
        for (int i = 1; i < partials.size(); i++) {
            merged.mergeFrom(partials.get(i));
        }
        return merged;
    }
}
