package dev.sluice.connectors.text;

import static dev.sluice.connectors.TestRows.chunk;
import static dev.sluice.connectors.TestRows.row;
import static dev.sluice.connectors.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text codec: lines, whole files, separators, and the single-column rule. */
class TextFormatTest {
    private static final TextFormat TEXT = new TextFormat();

    @TempDir
    Path dir;

    private static FormatOptions options(Map<String, String> map) {
        return FormatOptions.of(map, ZoneOffset.UTC);
    }

    @Test
    void readsOneRowPerLineWhateverTheLineBreak() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "unix\nwindows\r\nold mac\rlast without break");
        assertThat(rows(TEXT.open(FileAccess.path(file), TextFormat.SCHEMA, options(Map.of())).readAll()))
                .containsExactly(row("unix"), row("windows"), row("old mac"), row("last without break"));
        assertThat(TEXT.inferSchema(List.of(FileAccess.path(file)), options(Map.of())).treeString())
                .isEqualTo("root\n |-- value: string (nullable = true)\n");
    }

    @Test
    void readsLongLinesAcrossBufferBoundariesAndManyChunks() throws IOException {
        String longLine = "x".repeat(200_000);
        StringBuilder content = new StringBuilder(longLine).append("\r\n");
        for (int i = 0; i < 10_000; i++) {
            content.append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("big.txt"), content);
        List<Chunk> chunks = TEXT.open(FileAccess.path(file), TextFormat.SCHEMA, options(Map.of())).readAll();
        assertThat(chunks).hasSizeGreaterThan(1);
        List<List<Object>> rows = rows(chunks);
        assertThat(rows).hasSize(10_001);
        assertThat(rows.get(0)).containsExactly(longLine);
        assertThat(rows.get(10_000)).containsExactly("9999");
    }

    @Test
    void wholeTextAndCustomLineSeparator() throws IOException {
        Path file = Files.writeString(dir.resolve("w.txt"), "a|b\nc|");
        assertThat(rows(TEXT.open(FileAccess.path(file), TextFormat.SCHEMA, options(Map.of("wholetext", "true"))).readAll()))
                .containsExactly(row("a|b\nc|"));
        assertThat(rows(TEXT.open(FileAccess.path(file), TextFormat.SCHEMA, options(Map.of("lineSep", "|"))).readAll()))
                .containsExactly(row("a"), row("b\nc"));
    }

    @Test
    void writesValuesWithLineSeparatorsAndEmptyLinesForNull() throws IOException {
        Path file = dir.resolve("out.txt");
        try (ChunkWriter writer = TEXT.create(FileAccess.path(file), TextFormat.SCHEMA, options(Map.of()))) {
            writer.write(chunk(TextFormat.SCHEMA, row("one"), row((Object) null), row("three")));
        }
        assertThat(Files.readString(file)).isEqualTo("one\n\nthree\n");
        Path custom = dir.resolve("custom.txt");
        try (ChunkWriter writer = TEXT.create(FileAccess.path(custom), TextFormat.SCHEMA, options(Map.of("lineSep", "\r\n")))) {
            writer.write(chunk(TextFormat.SCHEMA, row("a"), row("b")));
        }
        assertThat(Files.readString(custom)).isEqualTo("a\r\nb\r\n");
    }

    @Test
    void acceptsOnlyOneStringColumn() {
        assertThatThrownBy(() -> TEXT.checkWritable(StructType.fromDDL("a STRING, b STRING")))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("Text data source supports only a single column, and you have 2 columns.");
        assertThatThrownBy(() -> TEXT.checkWritable(StructType.fromDDL("a INT")))
                .hasMessageContaining("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE");
    }
}
