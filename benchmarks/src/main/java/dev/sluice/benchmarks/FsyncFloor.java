package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor W3 stands on: what this disk charges for the durable writes of a 1-row micro-batch, with no Sluice code.
 * Plain {@code java.nio} on small new files in a checkpoint-shaped folder tree under {@code java.io.tmpdir} (the
 * folder {@link TriggerLatencyBenchmark} uses), each step timed {@code n} times (default 1,000) and reported as
 * p50 / p90 / p99 / max in microseconds:
 * <ul>
 *   <li>{@code fdatasync}: a new 100-byte file written and {@code force(false)};
 *   <li>{@code fsync}: the same with {@code force(true)};
 *   <li>{@code rename+folder}: an already durable temp file renamed into place, then its folder fsynced;
 *   <li>{@code checkpoint write}: the two above in sequence, what one {@code CheckpointFile.write} costs;
 *   <li>{@code batch path}: the I/O of one file-source batch as Sluice orders it today — the source log entry
 *   (temp file fsync, rename, folder fsync) on one thread while the offsets entry's temp file is fdatasynced on this
 *   one, then the offsets entry's rename and folder fsync, then the commit entry's rename and folder fsync (its temp
 *   file was fsynced ahead, untimed): the lowest trigger → commit time a batch can have on this disk without
 *   weakening the write-ahead order.
 * </ul>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.FsyncFloor [n=1000]}. Single JVM, two
 * threads; benchmark code.
 */
public final class FsyncFloor {
    private static final byte[] CONTENT = ("v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1765152000000,"
            + "\"conf\":{}}\n{\"logOffset\":0}\ncrc32=0000\n").getBytes(StandardCharsets.US_ASCII);

    private FsyncFloor() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path root = Files.createTempDirectory("sluice-fsync-floor-");
        Path sources = Files.createDirectories(root.resolve("sources/0"));
        Path offsets = Files.createDirectories(root.resolve("offsets"));
        Path commits = Files.createDirectories(root.resolve("commits"));
        Path scratch = Files.createDirectories(root.resolve("scratch"));
        ExecutorService logThread = Executors.newSingleThreadExecutor();
        long[] fdatasync = new long[n];
        long[] fsync = new long[n];
        long[] renameFolder = new long[n];
        long[] checkpointWrite = new long[n];
        long[] batchPath = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            writeTemp(scratch.resolve("d" + i), false);
            fdatasync[i] = System.nanoTime() - t0;

            t0 = System.nanoTime();
            writeTemp(scratch.resolve("s" + i), true);
            fsync[i] = System.nanoTime() - t0;

            Path temp = writeTemp(scratch.resolve(".r" + i + ".tmp"), false);
            t0 = System.nanoTime();
            publish(temp, scratch.resolve("r" + i));
            renameFolder[i] = System.nanoTime() - t0;

            t0 = System.nanoTime();
            publish(writeTemp(scratch.resolve(".c" + i + ".tmp"), false), scratch.resolve("c" + i));
            checkpointWrite[i] = System.nanoTime() - t0;

            Path commitTemp = writeTemp(commits.resolve("." + i + ".tmp"), false); // written ahead, not timed
            final int batch = i;
            t0 = System.nanoTime();
            Future<?> sourceLog = logThread.submit(() -> {
                publish(writeTemp(sources.resolve("." + batch + ".tmp"), true), sources.resolve(Integer.toString(batch)));
                return null;
            });
            Path offsetTemp = writeTemp(offsets.resolve("." + i + ".tmp"), false);
            sourceLog.get();
            publish(offsetTemp, offsets.resolve(Integer.toString(i)));
            publish(commitTemp, commits.resolve(Integer.toString(i)));
            batchPath[i] = System.nanoTime() - t0;
        }
        logThread.shutdown();
        System.out.printf("fsync floor in %s, %d runs each, µs (p50 / p90 / p99 / max):%n", root, n);
        report("fdatasync (new 100-byte file)", fdatasync);
        report("fsync (new 100-byte file)", fsync);
        report("rename + folder fsync", renameFolder);
        report("checkpoint write (fdatasync, rename, folder fsync)", checkpointWrite);
        report("batch path (source log || offsets file, offsets publish, commit publish)", batchPath);
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Path writeTemp(Path file, boolean metadataToo) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(CONTENT));
            ch.force(metadataToo);
        }
        return file;
    }

    private static void publish(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-78s %7.0f %7.0f %7.0f %8.0f%n", what, at(sorted, 0.50), at(sorted, 0.90),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e3);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e3;
    }
}
