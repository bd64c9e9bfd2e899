package dev.sluice.sql.streaming;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DataStreamWriter#replay(long)} found: the rows batch {@code batchId} of a query produces when it is run
 * again from its logged offsets and the state it started from, in a scratch copy of the checkpoint, and how they
 * compare with the rows the query's sink recorded for that batch, when the sink can tell (a file sink lists each
 * batch's files in {@code _spark_metadata}; Kafka, JDBC, foreach, foreachBatch, memory and console sinks keep no
 * such record). Beyond Spark, which has no replay. Rows are compared as multisets of their text
 * ({@code Row.toString()}), in the query's column order. Immutable once returned; the static replay-mode
 * hand-over ({@link #takeReplayModeResult()}) is thread-safe.
 */
public final class BatchReplay {
    /** The outcome of the comparison. */
    public enum Verdict {
        /** The replay produced exactly the rows the sink recorded for the batch. */
        SAME,
        /** The rows differ: {@link #onlyReplayed()} and {@link #onlyRecorded()} list the differences. */
        DIFFERENT,
        /** The sink keeps no per-batch record of its output: {@link #reason()} says why. */
        UNKNOWN
    }

    /** System property: replay this batch instead of starting the query (see {@link #REPLAY_CHECKPOINT}). */
    public static final String REPLAY_BATCH = "sluice.replay.batch";
    /** System property: the checkpoint of the query to replay; every other query of the program is refused. */
    public static final String REPLAY_CHECKPOINT = "sluice.replay.checkpoint";
    /** System property: the scratch folder of the replay (a new temporary folder when unset). */
    public static final String REPLAY_SCRATCH = "sluice.replay.scratch";
    /** System property: {@code false} keeps the replay-mode report off standard output (a caller prints it). */
    public static final String REPLAY_PRINT = "sluice.replay.print";
    private static volatile BatchReplay lastReplayMode;

    private final long batchId;
    private StreamingQuery run;
    private final List<String> replayed;
    private final List<String> recorded;
    private final String reason;
    private final Path scratch;

    BatchReplay(long batchId, List<String> replayed, List<String> recorded, String reason, Path scratch) {
        this.batchId = batchId;
        this.replayed = List.copyOf(replayed);
        this.recorded = recorded == null ? null : List.copyOf(recorded);
        this.reason = reason;
        this.scratch = scratch;
    }

    /** The finished query that ran the batch on the scratch checkpoint. */
    StreamingQuery run() {
        return run;
    }

    BatchReplay withRun(StreamingQuery query) {
        this.run = query;
        return this;
    }

    static void recordReplayModeResult(BatchReplay result) {
        lastReplayMode = result;
    }

    /**
     * The result of the last replay a program run in replay mode ({@link #REPLAY_BATCH}) performed, then forgets
     * it; null when none ran (the program never started the query).
     */
    public static BatchReplay takeReplayModeResult() {
        BatchReplay r = lastReplayMode;
        lastReplayMode = null;
        return r;
    }

    public long batchId() {
        return batchId;
    }

    /** The replayed rows as text, sorted. */
    public List<String> replayedRows() {
        return replayed;
    }

    /** The rows the sink recorded for the batch as text, sorted; null when it cannot tell. */
    public List<String> recordedRows() {
        return recorded;
    }

    /** Why the sink's output cannot be compared ({@link Verdict#UNKNOWN}), else null. */
    public String reason() {
        return reason;
    }

    /** The scratch folder: {@code checkpoint/} (the copy the batch ran on) and {@code output/batch-<id>.txt}. */
    public Path scratchFolder() {
        return scratch;
    }

    public Verdict verdict() {
        if (recorded == null) {
            return Verdict.UNKNOWN;
        }
        return replayed.equals(recorded) ? Verdict.SAME : Verdict.DIFFERENT;
    }

    /** Replayed rows the sink did not record (with multiplicity). */
    public List<String> onlyReplayed() {
        return recorded == null ? List.of() : minus(replayed, recorded);
    }

    /** Recorded rows the replay did not produce (with multiplicity). */
    public List<String> onlyRecorded() {
        return recorded == null ? List.of() : minus(recorded, replayed);
    }

    private static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> counts = new HashMap<>();
        b.forEach(r -> counts.merge(r, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String r : a) {
            Integer n = counts.get(r);
            if (n == null || n == 0) {
                out.add(r);
            } else {
                counts.put(r, n - 1);
            }
        }
        return out;
    }

    /** A text report: the verdict, counts and up to 20 differing rows each way. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("Batch ").append(batchId).append(" replayed: ").append(replayed.size()).append(" row(s); ");
        switch (verdict()) {
            case SAME -> sb.append("the same rows as the sink recorded (").append(recorded.size()).append(")");
            case DIFFERENT -> sb.append("DIFFERENT from the ").append(recorded.size())
                    .append(" row(s) the sink recorded");
            case UNKNOWN -> sb.append("cannot compare: ").append(reason);
        }
        sb.append('\n');
        appendRows(sb, "only in the replay", onlyReplayed());
        appendRows(sb, "only in the sink's output", onlyRecorded());
        sb.append("Scratch folder: ").append(scratch).append('\n');
        return sb.toString();
    }

    private static void appendRows(StringBuilder sb, String title, List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append(title).append(" (").append(rows.size()).append("):\n");
        rows.stream().limit(20).forEach(r -> sb.append("  ").append(r).append('\n'));
        if (rows.size() > 20) {
            sb.append("  ...\n");
        }
    }

    @Override
    public String toString() {
        return report();
    }
}
