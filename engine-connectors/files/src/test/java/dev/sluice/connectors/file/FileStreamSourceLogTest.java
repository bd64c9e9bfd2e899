package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source's seen-files log across source instances: what a restart (or a crash) sees. */
class FileStreamSourceLogTest {
    @TempDir
    Path dir;

    private FileStreamSource source(Path in, Path metadata, String... options) {
        Map<String, String> map = new java.util.HashMap<>(Map.of("path", in.toString()));
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return new FileStreamSource(FileFormats.forName("text"), FormatOptions.of(map, ZoneId.of("UTC")),
                new FileStreamOptions(map, FileAccess.defaults()), StructType.fromDDL("value STRING"), new StructType(),
                FileAccess.path(metadata), CompactibleFileLog.Settings.defaults(), 1);
    }

    @Test
    void aBatchPlannedBeforeACrashMapsToTheSameFilesAfterwards() throws Exception {
        Path in = dir.resolve("in");
        Path meta = dir.resolve("cp/sources/0");
        FileStreamTestSupport.drop(in.resolve("a.txt"), "a\n", 1000);
        FileStreamTestSupport.drop(in.resolve("b.txt"), "b\n", 2000);
        FileStreamSource first = source(in, meta, "maxFilesPerTrigger", "1");
        Offset o0 = first.latestOffset(null, first.defaultReadLimit());
        Offset o1 = first.latestOffset(o0, first.defaultReadLimit());
        assertThat(o0.json()).isEqualTo("{\"logOffset\":0}");
        assertThat(o1.json()).isEqualTo("{\"logOffset\":1}");
        assertThat(Files.readAllLines(meta.resolve("0"))).hasSize(2).first().isEqualTo("v1");
        assertThat(Files.readString(meta.resolve("0"))).contains("\"path\":\"file:", "a.txt\"", "\"timestamp\":"
                + (FileStreamTestSupport.T0 + 1000), "\"batchId\":0");
        // "crash": a new instance (new process) with a new file that sorts first
        FileStreamTestSupport.drop(in.resolve("0.txt"), "zero\n", 0);
        FileStreamSource second = source(in, meta, "maxFilesPerTrigger", "1");
        Offset restored = second.deserializeOffset(o1.json());
        assertThat(FileStreamTestSupport.firstColumn(second.read(null, restored))).containsExactly("a", "b");
        assertThat(FileStreamTestSupport.firstColumn(second.read(second.deserializeOffset(o0.json()), restored)))
                .containsExactly("b");
        Offset o2 = second.latestOffset(restored, ReadLimit.allAvailable());
        assertThat(o2.json()).isEqualTo("{\"logOffset\":2}");
        assertThat(FileStreamTestSupport.firstColumn(second.read(restored, o2))).containsExactly("zero");
        assertThat(second.latestOffset(o2, ReadLimit.allAvailable())).isEqualTo(o2);
        assertThat(meta).isDirectoryContaining(p -> p.getFileName().toString().equals("2"));
        try (var files = Files.list(meta)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("0", "1", "2");
        }
    }

    @Test
    void nothingToReadGivesNoOffsetAndWritesNoLog() {
        Path in = dir.resolve("in");
        FileStreamSource source = source(in, dir.resolve("meta"));
        assertThat(source.latestOffset(null, ReadLimit.allAvailable())).isNull();
        assertThat(dir.resolve("meta")).doesNotExist();
    }

    @Test
    void timeStringsFollowSpark() {
        assertThat(FileStreamOptions.timeStringAsMs("7d")).isEqualTo(7 * 86_400_000L);
        assertThat(FileStreamOptions.timeStringAsMs("90s")).isEqualTo(90_000L);
        assertThat(FileStreamOptions.timeStringAsMs("2h")).isEqualTo(7_200_000L);
        assertThat(FileStreamOptions.timeStringAsMs("5min")).isEqualTo(300_000L);
        assertThat(FileStreamOptions.timeStringAsMs("1500")).isEqualTo(1500L);
    }

    @Test
    void aMissingLogBatchFailsTheReadInsteadOfSkippingFiles() throws Exception {
        Path in = dir.resolve("in");
        Path meta = dir.resolve("meta");
        FileStreamTestSupport.drop(in.resolve("a.txt"), "a\n", 1000);
        FileStreamSource first = source(in, meta);
        Offset o0 = first.latestOffset(null, ReadLimit.allAvailable());
        Files.delete(meta.resolve("0"));
        FileStreamSource second = source(in, meta);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.read(null, o0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("File source batch 0 is missing");
    }
}
