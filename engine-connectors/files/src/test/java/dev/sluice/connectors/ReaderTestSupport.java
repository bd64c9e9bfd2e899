package dev.sluice.connectors;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A UTC session, a temp folder and helpers for tests that read files through {@code session.read()}. */
public abstract class ReaderTestSupport {
    protected static SluiceSession spark;

    @TempDir
    protected Path dir;

    @BeforeAll
    static void session() {
        spark = TestRows.session();
    }

    /** A new file in {@link #dir} holding {@code content}, as a path string. */
    protected String file(String suffix, String content) throws IOException {
        Path file = Files.createTempFile(dir, "in", suffix);
        Files.writeString(file, content);
        return file.toString();
    }

    /** The rows of {@code data} as {@code Row.toString()}, in order. */
    protected static List<String> rows(Dataset<Row> data) {
        return data.collectAsList().stream().map(Row::toString).toList();
    }

    /** The rows of {@code data} as {@code Row.toString()}, sorted. */
    protected static List<String> sorted(Dataset<Row> data) {
        return rows(data).stream().sorted().toList();
    }
}
