package dev.sluice;

import java.time.Duration;

/**
 * Where a batch read over files stands: immutable.
 *
 * @param readId      identifies the read among this session's reads (increasing)
 * @param description what is read, e.g. {@code read json}
 * @param filesDone   files read so far
 * @param filesTotal  files the read reads
 * @param elapsed     time since the read started
 */
public record ReadProgress(long readId, String description, long filesDone, long filesTotal, Duration elapsed) {
    /** Files read per second so far (0 before the first file or time). */
    public double filesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? filesDone / seconds : 0;
    }

    /** The fraction done, 0 to 1 (1 for a read of no file). */
    public double fraction() {
        return filesTotal == 0 ? 1 : (double) filesDone / filesTotal;
    }
}
