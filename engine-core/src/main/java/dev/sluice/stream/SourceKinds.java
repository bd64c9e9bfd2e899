package dev.sluice.stream;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.OffsetSeq;
import dev.sluice.plan.logical.StreamingRelation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The kind of each source of a streaming query, recorded in the offset log ({@value #KEY}, comma-separated in plan
 * order: the format's short name such as {@code json} or {@code rate}, or {@code MemoryStream}) so that a restart
 * whose source at some position is of another kind fails at {@code start()} with
 * {@code SLUICE_CHECKPOINT.SOURCE_CHANGED} naming the position, both kinds and the offset log file, instead of the
 * new source misreading the old one's offsets and files in {@code sources/<n>/} (Spark does not allow the change
 * either, but does not detect it). Offset logs written before the record existed are not checked; the next batch
 * records it. Another number of sources is left to {@link ResumePoint}'s check. Stateless.
 */
final class SourceKinds {
    /** The offset log's key (declared in {@link dev.sluice.conf.ConfigEntries#SOURCE_KINDS}). */
    static final String KEY = "spark.sluice.sourceKinds";

    private SourceKinds() {
    }

    /** The record of {@code relations}: their kinds, comma-separated. */
    static String of(List<StreamingRelation> relations) {
        return String.join(",", relations.stream().map(SourceKinds::kind).toList());
    }

    /** A relation's kind: its description up to the first {@code [} ({@code MemoryStream[a,b]} → MemoryStream). */
    static String kind(StreamingRelation relation) {
        String description = relation.description();
        int bracket = description.indexOf('[');
        return (bracket < 0 ? description : description.substring(0, bracket)).replace(',', ' ').trim();
    }

    /**
     * Compares {@code current} with the kinds the checkpoint's latest offset log entry recorded.
     *
     * @throws CheckpointException {@code SLUICE_CHECKPOINT.SOURCE_CHANGED} when a position holds another kind
     */
    static void check(Checkpoint checkpoint, String current) {
        java.util.Optional<java.util.TreeMap.SimpleImmutableEntry<Long, OffsetSeq>> latest;
        try {
            latest = checkpoint.offsets().latest();
        } catch (CheckpointException damaged) {
            return; // the run reads the log again and reports the damage as it always has (naming the file)
        }
        if (latest.isEmpty()) {
            return;
        }
        OffsetSeq seq = latest.get().getValue();
        Map<String, String> conf = seq.conf();
        String recorded = conf.get(KEY);
        if (recorded == null) {
            return;
        }
        List<String> before = Arrays.asList(recorded.split(",", -1));
        List<String> now = Arrays.asList(current.split(",", -1));
        if (before.size() != now.size() || before.size() != seq.offsets().size()) {
            return; // another number of sources: ResumePoint refuses it with its own error
        }
        for (int i = 0; i < now.size(); i++) {
            if (!before.get(i).equals(now.get(i))) {
                Path file = checkpoint.offsets().file(latest.get().getKey());
                throw new CheckpointException("SOURCE_CHANGED", "Source " + i + " of the query is a " + now.get(i)
                        + " source, but checkpoint " + checkpoint.root() + " was written by a " + before.get(i)
                        + " source at that position (offset log " + file + "; its files are in "
                        + checkpoint.sourcePath(i) + "). A source of another kind cannot continue from another's"
                        + " offsets: restore the " + before.get(i) + " source there, or start the query with a new"
                        + " checkpointLocation.", null);
            }
        }
    }
}
