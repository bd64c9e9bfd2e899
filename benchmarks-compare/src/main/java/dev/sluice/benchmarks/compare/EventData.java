package dev.sluice.benchmarks.compare;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The W1/W2 input: {@code rows} JSON lines {@code {"ts":"...Z","key":k,"value":v}} in {@code files} files,
 * event time rising evenly over {@code eventMinutes} from 2026-11-26T00:00Z, so no row is ever behind the
 * 10-minute watermark whatever the batch boundaries and both engines must aggregate every row. Keys are spread
 * by a multiplicative hash over {@code keys} values; values are {@code i % 100}. Files get modification times
 * one second apart in event-time order because both engines' file sources order new files by that time.
 */
final class EventData {
    static final long START_MILLIS = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();

    private EventData() {
    }

    /** Writes the files unless a marker shows the same sizes were already written; returns the directory. */
    static Path ensure(WorkloadOptions options) throws IOException {
        Path dir = options.eventsDir();
        String spec = options.rows + "/" + options.files + "/" + options.keys + "/" + options.eventMinutes;
        Path marker = dir.resolveSibling("events.spec");
        if (Files.exists(marker) && Files.readString(marker).equals(spec)) {
            return dir;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        long perFile = (options.rows + options.files - 1) / options.files;
        long mtime = System.currentTimeMillis() - options.files * 1000L - 60_000;
        StringBuilder line = new StringBuilder(64);
        for (int f = 0; f < options.files; f++) {
            Path file = dir.resolve(String.format("part-%05d.json", f));
            long from = f * perFile;
            long to = Math.min(options.rows, from + perFile);
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                for (long i = from; i < to; i++) {
                    line.setLength(0);
                    line.append("{\"ts\":\"").append(Instant.ofEpochMilli(eventMillis(options, i)))
                            .append("\",\"key\":").append(key(options, i)).append(",\"value\":").append(value(i))
                            .append("}\n");
                    out.append(line);
                }
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtime + f * 1000L));
        }
        Files.writeString(marker, spec);
        return dir;
    }

    /** Event time of row {@code i} in epoch milliseconds. */
    static long eventMillis(WorkloadOptions options, long i) {
        return START_MILLIS + i * (options.eventMinutes * 60_000L) / options.rows;
    }

    static long key(WorkloadOptions options, long i) {
        return Math.floorMod(i * 2_654_435_761L, options.keys);
    }

    static long value(long i) {
        return i % 100;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
