package dev.sluice.stream;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.OffsetSeq;
import dev.sluice.state.StateStoreConf;
import dev.sluice.stream.state.KeyGroups;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a query run starts, read from its checkpoint's offset and commit logs (Spark's
 * {@code populateStartOffsets}): the next batch id; the committed end offsets; when the last batch has an
 * offset entry but no commit entry, the offsets, timestamp and watermark to re-run it with; the watermarks
 * to resume with; and the session configs fixed by the query's first batch (Spark's
 * {@code OffsetSeqMetadata.relevantSQLConfs}: state partitions, state store provider, watermark policy),
 * which later runs take from the offset log whatever the session says. Immutable.
 *
 * @param batchId               the batch to run next
 * @param committed             per source, the end offset (JSON) of the last committed batch, or null
 * @param rerun                 per source, the end offset of the batch to re-run, or null when none is pending
 * @param batchTimestampMs      the timestamp of the batch to re-run
 * @param batchWatermarkMs      the watermark recorded in the last offset entry
 * @param lateEventsWatermarkMs the watermark of the batch before a re-run batch (its late-events watermark)
 * @param queryConf             the fixed configs ({@link #FIXED_CONFS}) this run must use
 * @param previousPartitions    the state partitions that wrote the state version this run begins at (another
 *                              number than this run's: the first batch rescales the state)
 */
record ResumePoint(long batchId, List<String> committed, List<String> rerun, long batchTimestampMs,
                   long batchWatermarkMs, long lateEventsWatermarkMs, Map<String, String> queryConf,
                   int previousPartitions) {
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    /**
     * The number of key-groups of every stateful operator's state ({@link KeyGroups}), fixed when the query
     * first runs. An offset log without it was written before key-groups existed: "0", the old routing.
     */
    static final String KEY_GROUPS = "spark.sluice.state.keyGroups";
    /**
     * How state keys are routed to key-groups ({@link KeyGroups.Routing}), fixed when the query first runs:
     * {@value #CURRENT_ROUTING} routes transformWithState's entries by their grouping key; an offset log without it
     * ("1") was written when every entry was routed by its whole key, and keeps that routing.
     */
    static final String ROUTING_VERSION = "spark.sluice.state.routingVersion";
    /**
     * The layout of stream-stream join state, fixed when the query first runs (the session's setting, 2 by default):
     * 2 keeps a join key's rows in blocks; an offset log without it ("1") keeps Spark's one entry per row.
     */
    static final String JOIN_LAYOUT = "spark.sluice.state.joinLayoutVersion";
    /** The routing version of a new query. */
    static final int CURRENT_ROUTING = 2;
    /** The kinds of the query's sources ({@link SourceKinds}), recorded with every batch; the session's are current. */
    static final String SOURCE_KINDS = SourceKinds.KEY;
    /** Configs recorded in every offset log entry and taken from the log on restart. */
    static final List<String> FIXED_CONFS = List.of(SHUFFLE_PARTITIONS, StateStoreConf.PROVIDER_CLASS,
            WatermarkTracker.POLICY);

    ResumePoint {
        queryConf = Map.copyOf(queryConf);
    }

    /** Key-groups of every stateful operator's state (0 for a checkpoint from before key-groups). */
    int keyGroups() {
        return Integer.parseInt(queryConf.get(KEY_GROUPS));
    }

    /** The state routing version of the checkpoint ({@link #ROUTING_VERSION}). */
    int routingVersion() {
        return Integer.parseInt(queryConf.get(ROUTING_VERSION));
    }

    /** State partitions of every stateful operator. */
    int statePartitions() {
        return Integer.parseInt(queryConf.get(SHUFFLE_PARTITIONS));
    }

    boolean pendingRerun() {
        return rerun != null;
    }

    /**
     * Reads the resume point of {@code checkpoint} for a query with {@code sourceCount} sources;
     * {@code sessionConf} gives the values of {@link #FIXED_CONFS} for a new query.
     *
     * <p>State partitions: Spark pins {@code spark.sql.shuffle.partitions} to the checkpoint's first batch.
     * Sluice does so for checkpoints without key-groups and for a batch re-run after a crash (it must rewrite
     * the version it may have half-written with the same partitions), and when the session does not set
     * {@code spark.sql.shuffle.partitions} explicitly ({@code partitionsSet}); otherwise a checkpoint with
     * key-groups follows the session's setting (at most one partition per key-group), and the first batch
     * moves the key-groups to their new partitions.
     *
     * @throws CheckpointException when the logs don't match the query or an entry needed is missing
     */
    static ResumePoint load(Checkpoint checkpoint, int sourceCount, Map<String, String> sessionConf,
                            boolean partitionsSet) {
        List<String> none = Collections.nCopies(sourceCount, null);
        var latest = checkpoint.offsets().latest();
        Map<String, String> recorded = latest.map(e -> e.getValue().conf()).orElse(Map.of());
        Map<String, String> fixed = new HashMap<>();
        for (String key : FIXED_CONFS) {
            fixed.put(key, recorded.getOrDefault(key, Objects.requireNonNull(sessionConf.get(key), key)));
        }
        fixed.put(KEY_GROUPS, latest.isEmpty()
                ? Integer.toString(KeyGroups.forNewQuery(Integer.parseInt(fixed.get(SHUFFLE_PARTITIONS))))
                : recorded.getOrDefault(KEY_GROUPS, "0"));
        fixed.put(ROUTING_VERSION, latest.isEmpty() ? Integer.toString(CURRENT_ROUTING)
                : recorded.getOrDefault(ROUTING_VERSION, "1"));
        fixed.put(JOIN_LAYOUT, latest.isEmpty() ? sessionConf.getOrDefault(JOIN_LAYOUT, "2")
                : recorded.getOrDefault(JOIN_LAYOUT, "1"));
        if (sessionConf.containsKey(SOURCE_KINDS)) {
            // checked at start() (SourceKinds.check); recorded from now on, also by checkpoints that had none
            fixed.put(SOURCE_KINDS, sessionConf.get(SOURCE_KINDS));
        }
        int recordedPartitions = Integer.parseInt(fixed.get(SHUFFLE_PARTITIONS));
        if (latest.isEmpty()) {
            return new ResumePoint(0, none, null, 0, 0, 0, fixed, recordedPartitions);
        }
        long lastId = latest.get().getKey();
        OffsetSeq seq = latest.get().getValue();
        checkSourceCount(seq, checkpoint.offsets().file(lastId), sourceCount);
        if (checkpoint.commits().get(lastId).isPresent()) {
            int keyGroups = Integer.parseInt(fixed.get(KEY_GROUPS));
            if (keyGroups > 0 && partitionsSet) {
                int wanted = Integer.parseInt(Objects.requireNonNull(sessionConf.get(SHUFFLE_PARTITIONS)));
                fixed.put(SHUFFLE_PARTITIONS, Integer.toString(Math.min(wanted, keyGroups)));
            }
            return new ResumePoint(lastId + 1, seq.offsets(), null, 0, seq.batchWatermarkMs(), 0, fixed,
                    recordedPartitions);
        }
        int previousPartitions = recordedPartitions;
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
            previousPartitions = Integer.parseInt(previous.conf().getOrDefault(SHUFFLE_PARTITIONS,
                    Integer.toString(recordedPartitions)));
        }
        return new ResumePoint(lastId, committed, seq.offsets(), seq.batchTimestampMs(), seq.batchWatermarkMs(),
                lateEventsWatermarkMs, fixed, previousPartitions);
    }

    /** {@link #load(Checkpoint, int, Map, boolean)} with {@code spark.sql.shuffle.partitions} set by the session. */
    static ResumePoint load(Checkpoint checkpoint, int sourceCount, Map<String, String> sessionConf) {
        return load(checkpoint, sourceCount, sessionConf, true);
    }

    private static void checkSourceCount(OffsetSeq seq, Path file, int sourceCount) {
        if (seq.offsets().size() != sourceCount) {
            throw new CheckpointException("INCOMPATIBLE_STATE", "Offset log " + file + " has " + seq.offsets().size()
                    + " sources but the query has " + sourceCount + ": the query changed; use a new checkpoint",
                    null);
        }
    }
}
