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

    /** A streamed read of one file (a 1-file micro-batch) reads it on the caller's thread, as readAll does. */
    @Test
    void aStreamedReadOfOneFileReadsOnTheCallersThread() {
        StructType schema = new StructType().add("v", dev.sluice.sql.types.DataTypes.StringType);
        try (ParallelFileReader reader = new ParallelFileReader(4, "one-file")) {
            List<String> threads = new ArrayList<>();
            ParallelFileReader.FileRead<String> read = f -> {
                threads.add(Thread.currentThread().getName());
                return List.of(TestRows.chunk(schema, TestRows.row(f + "-a")), TestRows.chunk(schema, TestRows.row(f)));
            };
            List<Chunk> streamed = new ArrayList<>();
            reader.stream(List.of("f"), f -> f, read).forEachRemaining(streamed::add);
            assertThat(values(streamed)).isEqualTo(values(reader.readAll(List.of("f"), f -> f, read)))
                    .containsExactly("f-a", "f");
            assertThat(threads).containsOnly(Thread.currentThread().getName()).hasSize(2);
        }
    }

    @Test
    void aStreamedReadGivesTheSameChunksInFileOrderReadingOnlyAFewFilesAhead() throws Exception {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            files.add("f" + i);
        }
        StructType schema = new StructType().add("v", dev.sluice.sql.types.DataTypes.StringType);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        ParallelFileReader.FileRead<String> read = f -> {
            reads.incrementAndGet();
            return List.of(TestRows.chunk(schema, TestRows.row(f + "-a")), TestRows.chunk(schema, TestRows.row(f + "-b")));
        };
        for (int threads : new int[] {1, 3}) {
            try (ParallelFileReader reader = new ParallelFileReader(threads, "stream-" + threads)) {
                List<String> all = values(reader.readAll(files, f -> f, read));
                reads.set(0);
                java.util.Iterator<Chunk> streamed = reader.stream(files, f -> f, read);
                List<Chunk> first = List.of(streamed.next());
                Thread.sleep(50); // let the window's reads finish: no more may start until chunks are taken
                assertThat(reads.get()).as("files read after the first chunk, %d threads", threads)
                        .isLessThanOrEqualTo(threads == 1 ? 1 : 2 * threads);
                List<Chunk> rest = new ArrayList<>(first);
                streamed.forEachRemaining(rest::add);
                assertThat(values(rest)).isEqualTo(all).hasSize(80);
                assertThat(reads.get()).isEqualTo(40);
            }
        }
    }

    @Test
    void aStreamedReadFailsWithTheFirstFailingFileInFileOrder() {
        try (ParallelFileReader reader = new ParallelFileReader(3, "stream-errors")) {
            java.util.Iterator<Chunk> streamed = reader.stream(List.of("ok", "bad2", "ok", "bad4"), f -> f, f -> {
                if (f.startsWith("bad")) {
                    throw new java.io.IOException("broken " + f); // which fails first in time does not matter
                }
                return List.of();
            });
            assertThatThrownBy(() -> streamed.forEachRemaining(c -> { }))
                    .isInstanceOfSatisfying(dev.sluice.sql.SluiceException.class,
                            e -> assertThat(e.getCondition()).isEqualTo("FAILED_READ_FILE.NO_HINT"))
                    .hasMessageContaining("Encountered error while reading file bad2").hasMessageNotContaining("bad4");
        }
    }

    private static List<String> values(List<Chunk> chunks) {
        List<String> out = new ArrayList<>();
        for (Chunk c : chunks) {
            for (int i = 0; i < c.rowCount(); i++) {
                out.add(String.valueOf(c.column(0).getObject(i)));
            }
        }
        return out;
    }
}
