package dev.sluice.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * The W3/W5 measuring loop, the same for every engine: add row {@code n}, wait until its batch is committed,
 * and take each 1-row batch's {@code durationMs.triggerExecution} from the engine's own progress. Values count
 * up from 0 with one batch per value, so batch id {@code n} holds value {@code n}. Not thread-safe.
 */
abstract class OneRowLoop implements Engine.OneRowQuery {
    /** Both engines keep the last 100 progress reports; reading every 50 batches loses none. */
    private static final int ROUND = 50;
    private long next;

    /** Adds one row holding {@code value} and returns once the batch reading it is committed. */
    abstract void addRowAndWait(long value) throws Exception;

    /** (batch id, input rows, triggerExecution ms) of the recent progress reports. */
    abstract List<long[]> recentProgress();

    @Override
    public final long[] runBatches(int batches) throws Exception {
        List<Long> durations = new ArrayList<>();
        while (durations.size() < batches) {
            int round = Math.min(ROUND, batches - durations.size());
            long firstBatch = next;
            for (int i = 0; i < round; i++) {
                addRowAndWait(next++);
            }
            for (long[] p : recentProgress()) {
                if (p[1] == 1 && p[0] >= firstBatch) {
                    durations.add(p[2]);
                }
            }
        }
        return durations.stream().mapToLong(Long::longValue).toArray();
    }
}
