package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.ReaderTestSupport;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code timestamp_ntz} columns in JSON and CSV, as Spark writes and reads them: the {@code timestampNTZFormat}
 * option, by default {@code yyyy-MM-dd'T'HH:mm:ss[.SSS]} (so {@code 2024-01-02T03:04:05.000}), no zone offset
 * and no zone conversion.
 */
class TimestampNtzFilesTest extends ReaderTestSupport {
    private static final StructType SCHEMA = StructType.fromDDL("t TIMESTAMP_NTZ");

    private Dataset<Row> data() {
        return spark.createDataset(List.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 250_000_000),
                LocalDateTime.of(1999, 12, 31, 23, 59)), Encoders.LOCALDATETIME()).toDF("t");
    }

    /** The lines of the part files, sorted (how rows spread over files is not the point). */
    private static List<String> written(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> lines = new java.util.ArrayList<>();
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                lines.addAll(Files.readAllLines(p));
            }
            return lines.stream().sorted().toList();
        }
    }

    @Test
    void jsonWritesAndReadsTheZonelessForm() throws IOException {
        Path out = dir.resolve("json");
        data().write().json(out.toString());
        assertThat(written(out, ".json")).containsExactly("{\"t\":\"1999-12-31T23:59:00.000\"}",
                "{\"t\":\"2024-01-02T03:04:05.250\"}");
        Dataset<Row> back = spark.read().schema(SCHEMA).json(out.toString());
        assertThat(back.as(Encoders.LOCALDATETIME()).collectAsList()).containsExactlyInAnyOrder(
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 250_000_000), LocalDateTime.of(1999, 12, 31, 23, 59));
    }

    @Test
    void csvHonoursTimestampNtzFormat() throws IOException {
        Path out = dir.resolve("csv");
        data().write().option("timestampNTZFormat", "dd/MM/yyyy HH:mm").csv(out.toString());
        assertThat(written(out, ".csv")).containsExactly("02/01/2024 03:04", "31/12/1999 23:59");
        String in = file(".csv", "2024-01-02 03:04:05\n2024-01-02T10:00\nnope\n");
        assertThat(rows(spark.read().schema(SCHEMA).csv(in))).containsExactly("[2024-01-02T03:04:05]",
                "[2024-01-02T10:00]", "[null]");
    }
}
