package dev.sluice.stream;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.OffsetSeq;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * Where a query run starts, read from its checkpoint's offset and commit logs (Spark's
 * {@code populateStartOffsets}): the next batch id; the committed end offsets; when the last batch has an
 * offset entry but no commit entry, the offsets, timestamp and watermark to re-run it with; the watermarks
 * to resume with; and the state partition count, fixed by the query's first batch. Immutable.
 *
 * @param batchId               the batch to run next
 * @param committed             per source, the end offset (JSON) of the last committed batch, or null
 * @param rerun                 per source, the end offset of the batch to re-run, or null when none is pending
 * @param batchTimestampMs      the timestamp of the batch to re-run
 * @param batchWatermarkMs      the watermark recorded in the last offset entry
 * @param lateEventsWatermarkMs the watermark of the batch before a re-run batch (its late-events watermark)
 * @param statePartitions       state partitions of every stateful operator
 */
record ResumePoint(long batchId, List<String> committed, List<String> rerun, long batchTimestampMs,
                   long batchWatermarkMs, long lateEventsWatermarkMs, int statePartitions) {
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    boolean pendingRerun() {
        return rerun != null;
    }

    /**
     * Reads the resume point of {@code checkpoint} for a query with {@code sourceCount} sources.
     *
     * @throws CheckpointException when the logs don't match the query or an entry needed is missing
     */
    static ResumePoint load(Checkpoint checkpoint, int sourceCount, int defaultStatePartitions) {
        List<String> none = Collections.nCopies(sourceCount, null);
        var latest = checkpoint.offsets().latest();
        if (latest.isEmpty()) {
            return new ResumePoint(0, none, null, 0, 0, 0, defaultStatePartitions);
        }
        long lastId = latest.get().getKey();
        OffsetSeq seq = latest.get().getValue();
        checkSourceCount(seq, checkpoint.offsets().file(lastId), sourceCount);
        // state partitions are fixed by the query's first batch (Spark records them in the offset log)
        int partitions = Integer.parseInt(seq.conf().getOrDefault(SHUFFLE_PARTITIONS,
                Integer.toString(defaultStatePartitions)));
        if (checkpoint.commits().get(lastId).isPresent()) {
            return new ResumePoint(lastId + 1, seq.offsets(), null, 0, seq.batchWatermarkMs(), 0, partitions);
        }
        List<String> committed = none;
        long lateEventsWatermarkMs = 0;
        if (lastId > 0) {
            Path previousFile = checkpoint.offsets().file(lastId - 1);
            OffsetSeq previous = checkpoint.offsets().get(lastId - 1).orElseThrow(() -> new CheckpointException(
                    "CORRUPTED_FILE", "Checkpoint " + checkpoint.root() + " has no offsets of batch " + (lastId - 1)
                    + " (" + previousFile + ") needed to re-run batch " + lastId, null));
            checkSourceCount(previous, previousFile, sourceCount);
            committed = previous.offsets();
            lateEventsWatermarkMs = previous.batchWatermarkMs();
        }
        return new ResumePoint(lastId, committed, seq.offsets(), seq.batchTimestampMs(), seq.batchWatermarkMs(),
                lateEventsWatermarkMs, partitions);
    }

    private static void checkSourceCount(OffsetSeq seq, Path file, int sourceCount) {
        if (seq.offsets().size() != sourceCount) {
            throw new CheckpointException("INCOMPATIBLE_STATE", "Offset log " + file + " has " + seq.offsets().size()
                    + " sources but the query has " + sourceCount + ": the query changed; use a new checkpoint",
                    null);
        }
    }
}
