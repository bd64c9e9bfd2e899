package dev.sluice.nexmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Folds a streaming query's output, batch after batch, into the {@link ResultDigest} its {@link NexmarkQuery} is
 * checked by: each row as it is, or for q12 (complete mode, processing-time windows) the latest batch's counts
 * summed per bidder. Shared by the Sluice and Spark runners so that both check the same way. Used from the
 * query's batch thread only.
 */
public final class OutputCheck {
    private final NexmarkQuery query;
    private final ResultDigest digest = new ResultDigest();
    private final Map<Long, Long> totals = new TreeMap<>();

    public OutputCheck(NexmarkQuery query) {
        this.query = query;
    }

    /** A new micro-batch's output begins. */
    public void newBatch() {
        if (query.checksTotalsPerBidder()) {
            totals.clear(); // complete mode: each batch holds the whole result
        }
    }

    /** One output row's values, in column order, as the engine's {@code Row.get(i)} returns them. */
    public void row(Object[] values) {
        if (query.checksTotalsPerBidder()) {
            totals.merge(((Number) values[0]).longValue(), ((Number) values[1]).longValue(), Long::sum);
        } else {
            digest.add(values);
        }
    }

    /** One output row of {@code width} columns, read through {@code get} (the engine's {@code Row::get}). */
    public void row(int width, IntFunction<Object> get) {
        if (query.checksTotalsPerBidder()) {
            row(new Object[] {get.apply(0), get.apply(1)});
            return;
        }
        digest.beginRow(); // straight into the digest: no array per row
        for (int i = 0; i < width; i++) {
            digest.value(get.apply(i));
        }
        digest.endRow();
    }

    /** The digest of everything seen; call once, after the last batch. */
    public ResultDigest digest() {
        totals.forEach((bidder, count) -> digest.add(bidder, count));
        totals.clear();
        return digest;
    }
}
