package dev.sluice.monitor;

import dev.sluice.sql.streaming.SourceProgress;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.util.Optional;

/**
 * How far a {@code Trigger.AvailableNow} run is, from its sources' progress metrics: files done and files to do
 * (file source: {@code numFilesAvailableNow}, {@code numFilesOutstanding}), else offsets done and offsets to do
 * (Kafka source: {@code numOffsetsAvailableNow}, {@code numOffsetsOutstanding}). A query reading both kinds of
 * source counts its files. Immutable.
 *
 * @param done  units processed so far in this run
 * @param total units this run processes
 * @param unit  what is counted, {@code files} or {@code offsets}
 */
public record Backlog(long done, long total, String unit) {
    /** The backlog after the batch of {@code p}; empty when no source reports one (not an AvailableNow run). */
    public static Optional<Backlog> of(StreamingQueryProgress p) {
        Optional<Backlog> files = sum(p, "numFilesAvailableNow", "numFilesOutstanding", "files");
        return files.isPresent() ? files : sum(p, "numOffsetsAvailableNow", "numOffsetsOutstanding", "offsets");
    }

    private static Optional<Backlog> sum(StreamingQueryProgress p, String allKey, String leftKey, String unit) {
        long total = 0;
        long outstanding = 0;
        boolean found = false;
        for (SourceProgress s : p.sources()) {
            String all = s.metrics().get(allKey);
            String left = s.metrics().get(leftKey);
            if (all != null && left != null) {
                total += Long.parseLong(all);
                outstanding += Long.parseLong(left);
                found = true;
            }
        }
        return found ? Optional.of(new Backlog(total - outstanding, total, unit)) : Optional.empty();
    }
}
