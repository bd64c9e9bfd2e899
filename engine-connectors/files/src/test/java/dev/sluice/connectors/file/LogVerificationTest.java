package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;

/**
 * The file source's seen-files log ({@code sources/<n>/<batch>}) and the file sink's {@code _spark_metadata} log
 * carry a checksum: a damaged file fails naming it instead of making a restart read other files, while files
 * without the checksum (Spark's, older Sluice's) still read, and Spark's format is kept.
 */
class LogVerificationTest extends FileStreamTestSupport {
    private static final StructType KEYS = StructType.fromDDL("k STRING");

    private StreamingQuery countByKey(Path in, Path checkpoint) throws Exception {
        return spark.readStream().format("json").schema(KEYS).load(in.toString()).groupBy("k").count()
                .writeStream().format("memory").queryName("counts").outputMode("complete")
                .option("checkpointLocation", checkpoint.toString()).start();
    }

    private static String keys(String... keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            sb.append("{\"k\":\"").append(k).append("\"}\n");
        }
        return sb.toString();
    }

    private Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : spark.table("counts").collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /** Flips one bit of the first occurrence of {@code from} (one byte) in {@code file} into {@code to}. */
    private static void flip(Path file, char from, char to) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from + ".json");
        assertThat(at).as("'%s.json' in %s", from, file).isNotNegative();
        assertThat(Integer.bitCount(from ^ to)).isEqualTo(1);
        bytes[at] = (byte) to;
        Files.write(file, bytes);
    }

    /** Batch 0 reads a.json and b.json and commits; batch 1 (c.json) is planned and run but never committed. */
    private void crashBeforeTheCommitOfBatchOne(Path in, Path cp) throws Exception {
        drop(in.resolve("a.json"), keys("k1", "k2", "k3"), 1000);
        drop(in.resolve("b.json"), keys("k1", "k4", "k5", "k6"), 1500);
        StreamingQuery first = countByKey(in, cp);
        first.processAllAvailable();
        first.stop();
        StreamingTestHooks.set(spark, new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                throw new IllegalStateException("killed before the commit of batch " + batchId);
            }
        });
        drop(in.resolve("c.json"), keys("k7", "k7", "k2"), 2000);
        StreamingQuery crashing = countByKey(in, cp);
        assertThatThrownBy(crashing::processAllAvailable).isInstanceOf(StreamingQueryException.class);
        StreamingTestHooks.set(spark, BatchHooks.NONE);
    }

    @Test
    void aFlippedByteInTheSourceLogFailsTheRestartNamingTheFileInsteadOfReadingOtherFiles() throws Exception {
        // The case: batch 1 was planned (sources/0/1, offsets/1) but not committed when the process died;
        // its replay reads the files sources/0/1 lists. A bit flipped there turned c.json into b.json, and the
        // restarted query counted b.json twice and c.json never.
        Path in = dir.resolve("in");
        Path cp = dir.resolve("cp");
        crashBeforeTheCommitOfBatchOne(in, cp);
        assertThat(cp.resolve("commits/1")).doesNotExist();

        flip(cp.resolve("sources/0/1"), 'c', 'b');
        StreamingQuery restarted = countByKey(in, cp);
        assertThatThrownBy(restarted::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("[SLUICE_CHECKPOINT.CORRUPTED_FILE] Checkpoint file sources/0/1 of checkpoint "
                        + cp.toAbsolutePath() + " is corrupted: its checksum does not match")
                .hasMessageContaining("Restore the file from a backup of the checkpoint, or start the query with a new"
                        + " checkpointLocation");
        // sluice checkpoint verify names it too, and nothing else
        assertThat(dev.sluice.checkpoint.CheckpointVerifier.verify(cp).problems()).extracting(Object::toString)
                .singleElement().asString().startsWith("sources/0/1: corrupted: its checksum does not match");
    }

    @Test
    void anUndamagedReplayCountsEveryFileOnce() throws Exception {
        // the control of the test above: the same crash without the flip gives the hand-computed counts
        Path in = dir.resolve("in");
        Path cp = dir.resolve("cp");
        crashBeforeTheCommitOfBatchOne(in, cp);
        StreamingQuery restarted = countByKey(in, cp);
        restarted.processAllAvailable();
        restarted.stop();
        assertThat(counts()).containsExactlyEntriesOf(new TreeMap<>(Map.of("k1", 2L, "k2", 2L, "k3", 1L, "k4", 1L,
                "k5", 1L, "k6", 1L, "k7", 2L)));
    }

    @Test
    void aDamagedSinkLogFileFailsReadsOfTheFolderNamingIt() throws Exception {
        Path out = dir.resolve("out");
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        FileStatus status = new FileStatus(7, false, 1, FileSinkLog.Entry.LOCAL_BLOCK_SIZE, T0,
                FileAccess.path(out.resolve("part-00000-x-c000.json")));
        log.add(0, List.of(FileSinkLog.Entry.added(status)));
        Path file = out.resolve("_spark_metadata/0");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        assertThatThrownBy(() -> new FileSinkLog(FileAccess.defaults(), FileAccess.path(out)).allFiles())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("File sink log file _spark_metadata/0 of output folder file:" + out.toAbsolutePath()
                        + " is corrupted: its checksum does not match")
                .hasMessageContaining("write to a new output folder with a new checkpointLocation");
    }

    @Test
    void theChecksumIsAFieldOfTheLastEntrySoSparksReadersStillParseEachLine() throws Exception {
        Path out = dir.resolve("out");
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        FileStatus a = new FileStatus(7, false, 1, FileSinkLog.Entry.LOCAL_BLOCK_SIZE, T0,
                FileAccess.path(out.resolve("a.json")));
        FileStatus b = new FileStatus(9, false, 1, FileSinkLog.Entry.LOCAL_BLOCK_SIZE, T0,
                FileAccess.path(out.resolve("b.json")));
        log.add(0, List.of(FileSinkLog.Entry.added(a), FileSinkLog.Entry.added(b)));
        log.add(1, List.of());
        String text = Files.readString(out.resolve("_spark_metadata/0"));
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("v1");
        assertThat(lines.get(1)).endsWith("\"action\":\"add\"}");
        assertThat(lines.get(2)).matches("\\{\"path\":\"file:.*b\\.json\",.*\"action\":\"add\",\"crc32\":\"[0-9a-f]{8}\"}");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        crc.update(bytes, 0, bytes.length - 20); // everything before ,"crc32":"<8 hex>"}
        assertThat(lines.get(2)).endsWith(String.format("\"crc32\":\"%08x\"}", crc.getValue()));
        // every line is one JSON object, as Spark's reader (one object per line, unknown fields ignored) needs
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(lines.get(2)).get("path").asText()).endsWith("b.json");
        assertThat(Files.readString(out.resolve("_spark_metadata/1"))).isEqualTo("v1"); // an empty batch: as Spark
        assertThat(log.allFiles()).extracting(FileSinkLog.Entry::size).containsExactly(7L, 9L);
    }

    @Test
    void logFilesWithoutAChecksumAsSparkWritesThemAreReadUnverified() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("_spark_metadata"));
        String uri = FileAccess.path(out.resolve("part-00000-x-c000.json")).toString();
        Files.writeString(out.resolve("_spark_metadata/0"), "v1\n{\"path\":\"" + uri + "\",\"size\":5,\"isDir\":false,"
                + "\"modificationTime\":1,\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}");
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        assertThat(log.allFiles()).extracting(FileSinkLog.Entry::path).containsExactly(uri);
        // a new batch of the same log carries the checksum
        log.add(1, List.of(new FileSinkLog.Entry(uri + "2", 1, false, 1, 1, 1, "add")));
        assertThat(Files.readString(out.resolve("_spark_metadata/1"))).contains("\"crc32\":\"");
        assertThat(log.allFiles()).hasSize(2);
    }

    @Test
    void aDamagedChecksumFieldOrVersionLineIsReportedNotTakenForAnOldFile() throws Exception {
        Path out = dir.resolve("out");
        FileSinkLog log = new FileSinkLog(FileAccess.defaults(), FileAccess.path(out));
        log.add(0, List.of(new FileSinkLog.Entry("file:/x/a.json", 1, false, 1, 1, 1, "add")));
        log.add(1, List.of());
        Path zero = out.resolve("_spark_metadata/0");
        String text = Files.readString(zero);
        Files.writeString(zero, text.replace("\"crc32\"", "\"crc33\""));
        assertThatThrownBy(() -> log.get(0)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("_spark_metadata/0 of output folder").hasMessageContaining("checksum field is damaged");
        Files.writeString(out.resolve("_spark_metadata/1"), "v3");
        assertThatThrownBy(() -> log.get(1)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("_spark_metadata/1 of output folder").hasMessageContaining("version line is not v1");
    }
}
