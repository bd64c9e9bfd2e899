package dev.sluice.connectors.file;

import static dev.sluice.connectors.TestRows.chunk;
import static dev.sluice.connectors.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.TestRows;
import dev.sluice.connectors.json.JsonFormat;
import dev.sluice.connectors.parquet.ParquetFormat;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly-once batch output: idempotent commits, crashes between write and commit, partitioned sinks. */
class FileSinkWriterTest {
    private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, city STRING");
    private static SluiceSession spark;

    @TempDir
    Path out;

    @BeforeAll
    static void session() {
        spark = TestRows.session();
    }

    private FileSinkWriter sink(List<String> partitionBy) {
        return new FileSinkWriter(FileAccess.path(out), new JsonFormat(), FormatOptions.of(Map.of(), ZoneOffset.UTC), partitionBy);
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(r -> r.get(0) + "@" + r.get(1)).sorted().toList();
    }

    private long dataFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(p -> p.getFileName().toString().startsWith("part-")).count();
        }
    }

    @Test
    void reRunningACommittedBatchWritesNothing() throws IOException {
        FileSinkWriter sink = sink(List.of());
        assertThat(sink.addBatch(0, SCHEMA, List.of(chunk(SCHEMA, row(1L, "Pune"), row(2L, "Goa"))))).isTrue();
        assertThat(sink.addBatch(0, SCHEMA, List.of(chunk(SCHEMA, row(1L, "Pune"), row(2L, "Goa"))))).isFalse();
        assertThat(sink.addBatch(1, SCHEMA, List.of(chunk(SCHEMA, row(3L, "Pune"))))).isTrue();
        assertThat(dataFiles()).isEqualTo(2);
        assertThat(ids(spark.read().schema(SCHEMA).json(out.toString()).collectAsList())).containsExactly("1@Pune", "2@Goa", "3@Pune");
        assertThat(sink.log().latestBatchId()).hasValue(1);
    }

    @Test
    void filesOfABatchThatCrashedBeforeCommitAreInvisibleAndTheRerunIsSeenOnce() throws IOException {
        FileSinkWriter sink = sink(List.of());
        sink.addBatch(0, SCHEMA, List.of(chunk(SCHEMA, row(1L, "Pune"))));
        // Batch 1 writes its files, then the process dies before the commit.
        new PartitionedFileWriter(FileAccess.path(out), new JsonFormat(), FormatOptions.empty(), SCHEMA, List.of())
                .write(List.of(chunk(SCHEMA, row(2L, "Goa"))));
        assertThat(dataFiles()).isEqualTo(2);
        assertThat(ids(spark.read().schema(SCHEMA).json(out.toString()).collectAsList())).containsExactly("1@Pune");
        // After restart the engine re-runs batch 1 (and replays batch 0, already committed).
        FileSinkWriter restarted = sink(List.of());
        assertThat(restarted.addBatch(0, SCHEMA, List.of(chunk(SCHEMA, row(1L, "Pune"))))).isFalse();
        assertThat(restarted.addBatch(1, SCHEMA, List.of(chunk(SCHEMA, row(2L, "Goa"))))).isTrue();
        assertThat(ids(spark.read().schema(SCHEMA).json(out.toString()).collectAsList())).containsExactly("1@Pune", "2@Goa");
    }

    @Test
    void anEmptyBatchCommitsNoFiles() throws IOException {
        FileSinkWriter sink = new FileSinkWriter(FileAccess.path(out), FileFormats.forName("JSON"), FormatOptions.empty(), List.of());
        assertThat(sink.addBatch(0, SCHEMA, List.of())).isTrue();
        assertThat(sink.log().filesOf(0)).contains(List.of());
        assertThat(dataFiles()).isZero();
        assertThat(sink.addBatch(0, SCHEMA, List.of(chunk(SCHEMA, row(1L, "Pune"))))).isFalse();
    }

    @Test
    void partitionedBatchesAreReadBackWithTheirPartitionColumn() throws IOException {
        FileSinkWriter sink = new FileSinkWriter(FileAccess.path(out), new ParquetFormat(), FormatOptions.empty(), List.of("city"));
        sink.addBatch(0, SCHEMA, List.of(chunk(SCHEMA, row(1L, "Pune"), row(2L, "Goa"), row(3L, null))));
        sink.addBatch(1, SCHEMA, List.of(chunk(SCHEMA, row(4L, "Pune"))));
        assertThat(Files.isDirectory(out.resolve("city=Pune"))).isTrue();
        assertThat(Files.isDirectory(out.resolve("city=__HIVE_DEFAULT_PARTITION__"))).isTrue();
        assertThat(sink.log().filesOf(0).orElseThrow()).hasSize(3);
        List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
        assertThat(ids(rows)).containsExactly("1@Pune", "2@Goa", "3@null", "4@Pune");
    }
}
