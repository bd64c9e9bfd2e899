package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The file source's seen-files log entry of a batch is written on its own thread while the engine writes
 * {@code offsets/<id>} (their fsyncs overlap), but the offset entry appears only once the log entry is durable: a
 * failed log write leaves no offset entry naming it. Compaction batches are written from the entries in memory.
 */
class FileSourceWriteAheadTest extends FileStreamTestSupport {
    private static List<String> visible(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aLogWriteThatFailsLeavesNoOffsetEntryNamingItsBatch() throws Exception {
        Path in = dir.resolve("in");
        Path cp = dir.resolve("cp");
        drop(in.resolve("a.txt"), "a\n", 1000);
        StreamingQuery query = spark.readStream().format("text").load(in.toString()).writeStream().format("noop")
                .option("checkpointLocation", cp.toString()).start();
        query.processAllAvailable();
        assertThat(visible(cp.resolve("offsets"))).containsExactly("0");
        // another writer took source batch 1's name: the log write of the next batch fails (it never replaces)
        Files.writeString(cp.resolve("sources/0/1"), "v1\n");
        drop(in.resolve("b.txt"), "b\n", 2000);
        assertThatThrownBy(query::processAllAvailable)
                .hasMessageContaining("File source log batch 1 already exists");
        assertThat(visible(cp.resolve("offsets"))).containsExactly("0");
        assertThat(visible(cp.resolve("commits"))).containsExactly("0");
    }

    @Test
    void deferredLoggingWaitsForTheLogAndReportsItsFailureAsTheSourceWould() throws Exception {
        Path in = dir.resolve("in");
        Path meta = dir.resolve("meta");
        drop(in.resolve("a.txt"), "a\n", 1000);
        drop(in.resolve("b.txt"), "b\n", 2000);
        Map<String, String> options = Map.of("path", in.toString(), "maxFilesPerTrigger", "1");
        FileStreamSource source = new FileStreamSource(FileFormats.forName("text"),
                FormatOptions.of(options, ZoneId.of("UTC")), new FileStreamOptions(options, FileAccess.defaults()),
                StructType.fromDDL("value STRING"), new StructType(), FileAccess.path(meta),
                CompactibleFileLog.Settings.defaults(), 1);
        source.deferPlanLogging();
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        source.awaitPlanLogged();
        assertThat(Files.readString(meta.resolve("0"))).contains("a.txt");
        Files.writeString(meta.resolve("1"), "v1\n"); // taken by someone else
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit());
        assertThat(o1.json()).isEqualTo("{\"logOffset\":1}");
        assertThatThrownBy(source::awaitPlanLogged).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("File source log batch 1 already exists");
        source.awaitPlanLogged(); // reported once
        source.stop();
    }

    /**
     * A source over {@code in} holding {@code a.txt}, whose log compacts every other batch and expires files at once,
     * with its log writes deferred as the engine asks.
     */
    private static FileStreamSource compactingEveryOtherBatch(Path in, Path meta) throws Exception {
        Map<String, String> options = Map.of("path", in.toString());
        FileStreamSource source = new FileStreamSource(FileFormats.forName("text"),
                FormatOptions.of(options, ZoneId.of("UTC")), new FileStreamOptions(options, FileAccess.defaults()),
                StructType.fromDDL("value STRING"), new StructType(), FileAccess.path(meta),
                new CompactibleFileLog.Settings(2, true, 0), 1);
        source.deferPlanLogging();
        drop(in.resolve("a.txt"), "a\n", 1000);
        return source;
    }

    @Test
    void expiredLogFilesAreDeletedAfterTheCompactionBatchIsDurableAndBeforeTheNextTrigger() throws Exception {
        Path in = dir.resolve("in");
        Path meta = dir.resolve("meta");
        FileStreamSource source = compactingEveryOtherBatch(in, meta);
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        source.awaitPlanLogged();
        drop(in.resolve("b.txt"), "b\n", 2000);
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit()); // batch 1 is a compaction: 1.compact
        source.awaitPlanLogged();
        assertThat(Files.readString(meta.resolve("1.compact"))).contains("a.txt").contains("b.txt");
        // the deletion of batch 0's file, expired by the compaction, is done by the time the next trigger plans
        assertThat(source.latestOffset(o1, source.defaultReadLimit())).isEqualTo(o1);
        assertThat(visible(meta)).containsExactly("1.compact");
        drop(in.resolve("c.txt"), "c\n", 3000);
        Offset o2 = source.latestOffset(o1, source.defaultReadLimit());
        source.stop(); // awaits the write (and the expiry after it)
        assertThat(visible(meta)).containsExactly("1.compact", "2");
        assertThat(o2.json()).isEqualTo("{\"logOffset\":2}");
    }

    @Test
    void aCompactionThatFailsToBeWrittenExpiresNothing() throws Exception {
        Path in = dir.resolve("in");
        Path meta = dir.resolve("meta");
        FileStreamSource source = compactingEveryOtherBatch(in, meta);
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        source.awaitPlanLogged();
        Files.writeString(meta.resolve("1.compact"), "v1\n"); // taken by someone else: batch 1's write fails
        drop(in.resolve("b.txt"), "b\n", 2000);
        source.latestOffset(o0, source.defaultReadLimit());
        assertThatThrownBy(source::awaitPlanLogged).hasMessageContaining("File source log batch 1 already exists");
        source.stop(); // the failure was reported once; the expiry after it did nothing
        assertThat(visible(meta)).containsExactly("0", "1.compact");
    }

    @Test
    void aCompactionBatchIsWrittenFromMemoryNotFromTheLogReadBack() throws Exception {
        Path in = dir.resolve("in");
        Path cp = dir.resolve("cp");
        spark.conf().set("spark.sql.streaming.fileSource.log.compactInterval", "3");
        try {
            StreamingQuery query = spark.readStream().format("text").load(
                    Files.createDirectories(in).toString()).writeStream().format("noop")
                    .option("checkpointLocation", cp.toString()).start();
            for (int i = 0; i < 2; i++) {
                drop(in.resolve("f" + i + ".txt"), i + "\n", 1000L * (i + 1));
                query.processAllAvailable();
            }
            // batch 1's file is damaged after it was written: reading the log back would fail the compaction of batch 2
            Files.writeString(cp.resolve("sources/0/1"), "garbage");
            drop(in.resolve("f2.txt"), "2\n", 3000);
            query.processAllAvailable();
            query.stop();
            String compact = Files.readString(cp.resolve("sources/0/2.compact"));
            assertThat(compact.lines().toList()).hasSize(4).first().isEqualTo("v1");
            assertThat(compact).contains("f0.txt\",\"timestamp\":" + (T0 + 1000) + ",\"batchId\":0",
                    "f1.txt\",\"timestamp\":" + (T0 + 2000) + ",\"batchId\":1",
                    "f2.txt\",\"timestamp\":" + (T0 + 3000) + ",\"batchId\":2");
        } finally {
            spark.conf().unset("spark.sql.streaming.fileSource.log.compactInterval");
        }
    }
}
