package dev.sluice.monitor;

import dev.sluice.sql.streaming.SourceProgress;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.util.Optional;

/**
 * How far a {@code Trigger.AvailableNow} run over file sources is: files done and files to do in this run, from the
 * file source's progress metrics {@code numFilesAvailableNow} and {@code numFilesOutstanding}.
 *
 * @param done files processed so far in this run
 * @param total files this run processes
 */
public record FileBacklog(long done, long total) {
    /** The backlog after the batch of {@code p}; empty when no source reports files (not an AvailableNow file run). */
    public static Optional<FileBacklog> of(StreamingQueryProgress p) {
        long total = 0;
        long outstanding = 0;
        boolean found = false;
        for (SourceProgress s : p.sources()) {
            String all = s.metrics().get("numFilesAvailableNow");
            String left = s.metrics().get("numFilesOutstanding");
            if (all != null && left != null) {
                total += Long.parseLong(all);
                outstanding += Long.parseLong(left);
                found = true;
            }
        }
        return found ? Optional.of(new FileBacklog(total - outstanding, total)) : Optional.empty();
    }
}
