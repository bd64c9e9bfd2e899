package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code _spark_metadata} commit log: Spark's file format, no-overwrite commits, compaction. */
class FileSinkLogTest {
    @TempDir
    Path out;

    private static FileSinkLog.Entry entry(String path, long size) {
        return new FileSinkLog.Entry(path, size, false, 1_600_000_000_000L, 1, FileSinkLog.Entry.LOCAL_BLOCK_SIZE, "add");
    }

    @Test
    void writesSparksFormatOneFilePerBatch() throws IOException {
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        assertThat(log.latestBatchId()).isEqualTo(OptionalLong.empty());
        assertThat(log.add(0, List.of(entry("file:/out/part-a.json", 10), entry("file:/out/x=1/part-b.json", 20)))).isTrue();
        assertThat(Files.readString(out.resolve("_spark_metadata/0"))).isEqualTo("""
                v1
                {"path":"file:/out/part-a.json","size":10,"isDir":false,"modificationTime":1600000000000,\
                "blockReplication":1,"blockSize":33554432,"action":"add"}
                {"path":"file:/out/x=1/part-b.json","size":20,"isDir":false,"modificationTime":1600000000000,\
                "blockReplication":1,"blockSize":33554432,"action":"add","crc32":"eaf07325"}""");
        // eaf07325: CRC-32 of the text before ,"crc32" (Python's zlib.crc32); Spark's reader ignores the field
        assertThat(log.filesOf(0)).contains(List.of(entry("file:/out/part-a.json", 10), entry("file:/out/x=1/part-b.json", 20)));
        assertThat(log.latestBatchId()).isEqualTo(OptionalLong.of(0));
        assertThat(log.filesOf(1)).isEmpty();
    }

    @Test
    void neverOverwritesACommittedBatchAndLeavesNoTemporaryFiles() throws IOException {
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        assertThat(log.add(0, List.of(entry("file:/first", 1)))).isTrue();
        assertThat(log.add(0, List.of(entry("file:/second", 2)))).isFalse();
        assertThat(new FileSinkLog(FileAccess.defaults(), FileAccess.path(out)).filesOf(0).orElseThrow()).extracting(FileSinkLog.Entry::path).containsExactly("file:/first");
        try (Stream<Path> files = Files.list(out.resolve(FileSinkLog.METADATA_DIR))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("0");
        }
    }

    @Test
    void ignoresTemporaryFilesLeftByACrashDuringCommit() throws IOException {
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        log.add(0, List.of(entry("file:/a", 1)));
        Files.writeString(out.resolve("_spark_metadata/.1.0f1e.tmp"), "v1\n{\"path\":\"file:/half");
        assertThat(log.latestBatchId()).isEqualTo(OptionalLong.of(0));
        assertThat(log.allFiles()).extracting(FileSinkLog.Entry::path).containsExactly("file:/a");
        assertThat(log.add(1, List.of(entry("file:/b", 1)))).isTrue();
    }

    @Test
    void compactsEveryIntervalAndReadsLatestCompactionPlusLaterBatches() throws IOException {
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out), new CompactibleFileLog.Settings(3, true, 600_000));
        for (int batch = 0; batch < 7; batch++) {
            assertThat(log.add(batch, List.of(entry("file:/f" + batch, batch)))).isTrue();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(out.resolve(FileSinkLog.METADATA_DIR))) {
            files.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        assertThat(names).containsExactly("0", "1", "2.compact", "3", "4", "5.compact", "6");
        assertThat(Files.readAllLines(out.resolve("_spark_metadata/5.compact"))).hasSize(7);
        // Batches before the latest compaction are not needed any more.
        Files.delete(out.resolve("_spark_metadata/3"));
        assertThat(log.allFiles()).extracting(FileSinkLog.Entry::path)
                .containsExactly("file:/f0", "file:/f1", "file:/f2", "file:/f3", "file:/f4", "file:/f5", "file:/f6");
        assertThat(log.latestBatchId()).isEqualTo(OptionalLong.of(6));
        assertThat(log.filesOf(5).orElseThrow()).hasSize(6);
    }

    @Test
    void concurrentCommitsOfOneBatchHaveExactlyOneWinner() throws Exception {
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String path = "file:/writer-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return log.add(0, List.of(entry(path, 1)));
            }));
        }
        start.countDown();
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            if (results.get(i).get()) {
                winners.add("file:/writer-" + i);
            }
        }
        pool.shutdown();
        assertThat(winners).hasSize(1);
        assertThat(log.filesOf(0).orElseThrow()).extracting(FileSinkLog.Entry::path).isEqualTo(winners);
    }

    @Test
    void appliesDeleteEntries() throws IOException {
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        log.add(0, List.of(entry("file:/a", 1), entry("file:/b", 1)));
        log.add(1, List.of(new FileSinkLog.Entry("file:/a", 1, false, 0, 1, 1, "delete")));
        assertThat(log.allFiles()).extracting(FileSinkLog.Entry::path).containsExactly("file:/b");
    }

    @Test
    void entriesUseHadoopStyleFileUris() throws IOException {
        Path file = Files.writeString(out.resolve("a b%.json"), "{}");
        org.apache.hadoop.fs.Path path = FileAccess.path(file);
        FileSinkLog.Entry entry = FileSinkLog.Entry.added(FileAccess.defaults().fileSystem(path).getFileStatus(path));
        assertThat(entry.path()).isEqualTo("file://" + out.toAbsolutePath() + "/a%20b%25.json");
        assertThat(entry.hadoopPath()).isEqualTo(path);
        assertThat(entry.size()).isEqualTo(2);
    }
}
