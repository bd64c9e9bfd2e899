package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.TestRows;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.sql.Row;
import dev.sluice.sql.types.StructType;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of one read parsed on several threads ({@link ParallelFileReader}) give exactly the chunks of a
 * sequential read, in file order; the first failing file is named; the threads end with the source.
 */
class ParallelFileReadTest {
    private static final int FILES = 6;

    @TempDir
    Path dir;

    /**
     * {@code f0.txt} .. {@code f5.txt}, oldest first; f0 is by far the largest, so with several threads the
     * later files finish first and only the reader's ordering keeps f0's chunks in front.
     */
    private List<String> dropFiles(Path in) throws Exception {
        List<String> expected = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            int lines = f == 0 ? 30_000 : 10 + f;
            StringBuilder text = new StringBuilder();
            for (int l = 0; l < lines; l++) {
                String value = "f" + f + "-" + l;
                text.append(value).append('\n');
                expected.add(value);
            }
            FileStreamTestSupport.drop(in.resolve("f" + f + ".txt"), text.toString(), f * 1000L);
        }
        return expected;
    }

    private static FileStreamSource source(Path in, Path metadata, int threads) {
        return source(in, metadata, threads, Map.of());
    }

    private static FileStreamSource source(Path in, Path metadata, int threads, Map<String, String> options) {
        Map<String, String> map = new HashMap<>(Map.of("path", in.toString()));
        map.putAll(options);
        return new FileStreamSource(FileFormats.forName("text"), FormatOptions.of(map, ZoneId.of("UTC")),
                new FileStreamOptions(map, FileAccess.defaults()), StructType.fromDDL("value STRING"), new StructType(),
                FileAccess.path(metadata), CompactibleFileLog.Settings.defaults(), threads);
    }

    private static List<Integer> chunkSizes(List<Chunk> chunks) {
        return chunks.stream().map(Chunk::rowCount).toList();
    }

    private static long readThreadsAlive(String owner) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sluice-file-read-") && t.getName().contains(owner) && t.isAlive())
                .count();
    }

    @Test
    void aMicroBatchReadOnFourThreadsGivesTheSequentialChunksInFileOrder() throws Exception {
        Path in = dir.resolve("in");
        List<String> expected = dropFiles(in);
        FileStreamSource sequential = source(in, dir.resolve("cp1/sources/0"), 1);
        FileStreamSource parallel = source(in, dir.resolve("cp4/sources/0"), 4);
        try {
            Offset end1 = sequential.latestOffset(null, ReadLimit.allAvailable());
            Offset end4 = parallel.latestOffset(null, ReadLimit.allAvailable());
            List<Chunk> one = sequential.read(null, end1);
            List<Chunk> four = parallel.read(null, end4);
            assertThat(FileStreamTestSupport.firstColumn(four)).isEqualTo(FileStreamTestSupport.firstColumn(one))
                    .isEqualTo(expected);
            assertThat(chunkSizes(four)).isEqualTo(chunkSizes(one));
        } finally {
            sequential.stop();
            parallel.stop();
        }
    }

    @Test
    void theFirstFailingFileInFileOrderIsNamed() throws Exception {
        Path in = dir.resolve("in");
        dropFiles(in);
        FileStreamSource source = source(in, dir.resolve("cp/sources/0"), 4);
        try {
            Offset end = source.latestOffset(null, ReadLimit.allAvailable());
            // logged, then gone before the read: both fail, the earlier one (f2) is the error
            Files.delete(in.resolve("f2.txt"));
            Files.delete(in.resolve("f4.txt"));
            assertThatThrownBy(() -> source.read(null, end))
                    .isInstanceOfSatisfying(dev.sluice.sql.SluiceException.class,
                            e -> assertThat(e.getCondition()).isEqualTo("FAILED_READ_FILE.FILE_NOT_EXIST"))
                    .hasMessageContaining("Encountered error while reading file")
                    .hasMessageContaining("f2.txt")
                    .hasMessageNotContaining("f4.txt");
        } finally {
            source.stop();
        }
    }

    @Test
    void ignoreMissingFilesSkipsFilesDeletedAfterTheyWereLogged() throws Exception {
        Path in = dir.resolve("in");
        List<String> expected = dropFiles(in);
        FileStreamSource source = source(in, dir.resolve("cp/sources/0"), 4, Map.of("ignoreMissingFiles", "true"));
        try {
            Offset end = source.latestOffset(null, ReadLimit.allAvailable());
            String gone = Files.readString(in.resolve("f2.txt"));
            Files.delete(in.resolve("f2.txt"));
            List<String> values = new ArrayList<>();
            for (List<Object> row : TestRows.rows(source.read(null, end))) {
                values.add((String) row.get(0));
            }
            List<String> remaining = new ArrayList<>(expected);
            remaining.removeAll(gone.lines().toList());
            assertThat(values).containsExactlyElementsOf(remaining);
        } finally {
            source.stop();
        }
    }

    @Test
    void stoppingTheSourceEndsItsReadThreads() throws Exception {
        Path in = dir.resolve("threads-in");
        dropFiles(in);
        FileStreamSource source = source(in, dir.resolve("cp/sources/0"), 3);
        source.read(null, source.latestOffset(null, ReadLimit.allAvailable()));
        String owner = source.description();
        assertThat(readThreadsAlive(owner)).isPositive();
        source.stop();
        assertThat(readThreadsAlive(owner)).isZero();
    }

    @Test
    void aBatchLoadOnTheSessionsThreadsKeepsFileOrderAndLeavesNoThreads() throws Exception {
        Path in = dir.resolve("batch");
        List<String> expected = dropFiles(in);
        var session = TestRows.session();
        assertThat(session.parallelism()).isGreaterThan(1);
        List<String> rows = session.read().text(in.toString()).collectAsList().stream()
                .map((Row r) -> r.getString(0)).toList();
        assertThat(rows).isEqualTo(expected);
        assertThat(readThreadsAlive("read text")).isZero();
    }

    @Test
    void oneThreadReadsOnTheCallersThread() {
        ParallelFileReader reader = new ParallelFileReader(1, "caller");
        List<String> threads = new ArrayList<>();
        reader.readAll(List.of("a", "b"), f -> f, f -> {
            threads.add(Thread.currentThread().getName());
            return List.of();
        });
        assertThat(threads).containsOnly(Thread.currentThread().getName()).hasSize(2);
        assertThatThrownBy(() -> new ParallelFileReader(0, "none")).hasMessageContaining("threads must be at least 1");
    }
}
