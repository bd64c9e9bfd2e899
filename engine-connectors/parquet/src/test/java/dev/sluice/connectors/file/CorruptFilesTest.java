package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.TestRows;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A truncated or garbage file in a read or streamed folder fails with Spark's {@code FAILED_READ_FILE.*} naming
 * the file, and {@code ignoreCorruptFiles} / {@code spark.sql.files.ignoreCorruptFiles} skip it (issue 15).
 */
class CorruptFilesTest {
    private static final SluiceSession SPARK = TestRows.session();

    @TempDir
    Path dir;

    /** {@code good.parquet} with ids 0..4 and {@code cut.parquet}, the same file cut in half. */
    private Path folderWithCutParquet() throws Exception {
        Path written = dir.resolve("written");
        SPARK.range(5).write().parquet(written.toString());
        Path part;
        try (Stream<Path> files = Files.list(written)) {
            part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path in = Files.createDirectories(dir.resolve("in"));
        byte[] bytes = Files.readAllBytes(part);
        Files.write(in.resolve("good.parquet"), bytes);
        Files.write(in.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
        return in;
    }

    private static List<Long> ids(Dataset<Row> df) {
        return df.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
    }

    @Test
    void aTruncatedParquetFileFailsTheReadNamingIt() throws Exception {
        Path in = folderWithCutParquet();
        assertThatThrownBy(() -> SPARK.read().schema("id BIGINT").parquet(in.toString()).collectAsList())
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("FAILED_READ_FILE.NO_HINT"))
                .hasMessageStartingWith("[FAILED_READ_FILE.NO_HINT] Encountered error while reading file ")
                .hasMessageContaining("cut.parquet")
                .hasMessageEndingWith(".  SQLSTATE: KD001");
    }

    @Test
    void ignoreCorruptFilesSkipsIt() throws Exception {
        Path in = folderWithCutParquet();
        assertThat(ids(SPARK.read().option("ignoreCorruptFiles", "true").schema("id BIGINT").parquet(in.toString())))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        SPARK.conf().set("spark.sql.files.ignoreCorruptFiles", "true");
        try {
            assertThat(ids(SPARK.read().schema("id BIGINT").parquet(in.toString()))).containsExactly(0L, 1L, 2L, 3L, 4L);
            // without a schema the footers are read to infer one: the damaged file is skipped there too
            assertThat(ids(SPARK.read().parquet(in.toString()))).containsExactly(0L, 1L, 2L, 3L, 4L);
            // the option wins over the session setting
            assertThatThrownBy(() -> SPARK.read().option("ignoreCorruptFiles", "false").schema("id BIGINT")
                    .parquet(in.toString()).collectAsList()).hasMessageContaining("cut.parquet");
        } finally {
            SPARK.conf().set("spark.sql.files.ignoreCorruptFiles", "false");
        }
    }

    @Test
    void anUnreadableFooterFailsSchemaInferenceNamingTheFile() throws Exception {
        Path in = Files.createDirectories(dir.resolve("garbage"));
        Files.writeString(in.resolve("a.parquet"), "not a parquet file at all, just text");
        assertThatThrownBy(() -> SPARK.read().parquet(in.toString()))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER"))
                .hasMessageContaining("a.parquet");
    }

    @Test
    void aStreamedFolderWithACutParquetFileFailsTheQueryOrSkipsIt() throws Exception {
        Path in = folderWithCutParquet();
        StreamingQuery failing = SPARK.readStream().schema("id BIGINT").parquet(in.toString()).writeStream()
                .format("memory").queryName("corrupt_fail").option("checkpointLocation", dir.resolve("cp1").toString())
                .start();
        assertThatThrownBy(failing::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("FAILED_READ_FILE.NO_HINT").hasMessageContaining("cut.parquet");
        failing.stop();

        StreamingQuery skipping = SPARK.readStream().schema("id BIGINT").option("ignoreCorruptFiles", "true")
                .parquet(in.toString()).writeStream().format("memory").queryName("corrupt_skip")
                .option("checkpointLocation", dir.resolve("cp2").toString()).start();
        try {
            skipping.processAllAvailable();
            assertThat(ids(SPARK.sql("SELECT id FROM corrupt_skip"))).containsExactly(0L, 1L, 2L, 3L, 4L);
        } finally {
            skipping.stop();
        }
    }

    @Test
    void garbageInATextFormatIsNotACorruptFile() throws Exception {
        // For JSON a bad line is a malformed record (PERMISSIVE mode), not a corrupt file: nothing is skipped.
        Path in = Files.createDirectories(dir.resolve("json"));
        Files.writeString(in.resolve("a.json"), "{\"id\":1}\n\u0000\u0001garbage\n");
        assertThat(SPARK.read().option("ignoreCorruptFiles", "true").schema("id BIGINT").json(in.toString()).count())
                .isEqualTo(2);
    }
}
