package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a kill -9 leaves in a file sink's folder (0-byte or partial {@code part-*} files of a batch that never
 * committed, temporary files of the log) is deleted when the query restarts, so tools that list the folder
 * without {@code _spark_metadata} see only committed files; committed files stay.
 */
class SinkLeftoversTest extends FileStreamTestSupport {
    private static final StructType PEOPLE = StructType.fromDDL("id INT, name STRING");

    private StreamingQuery start(Path in, Path out, Path checkpoint, String... partitionBy) throws Exception {
        return spark.readStream().format("json").schema(PEOPLE).load(in.toString())
                .writeStream().format("json").option("path", out.toString()).partitionBy(partitionBy)
                .option("checkpointLocation", checkpoint.toString()).start();
    }

    private List<String> dataFiles(Path out) throws Exception {
        return filesUnder(out).stream().filter(f -> !f.startsWith("_spark_metadata")).toList();
    }

    @Test
    void filesOfABatchThatNeverCommittedAreDeletedOnRestart() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Path cp = dir.resolve("cp");
        drop(in.resolve("a.json"), "{\"id\":1,\"name\":\"a\"}\n", 1000);
        StreamingQuery first = start(in, out, cp, "name");
        first.processAllAvailable();
        first.stop();
        List<String> committed = dataFiles(out);
        assertThat(committed).hasSize(1).allMatch(f -> f.startsWith("name=a/part-"));

        // what a kill -9 in the middle of batch 1 leaves: a 0-byte file, a partial one in a new partition folder,
        // a temporary log file; a file that is not the sink's stays
        Files.createFile(out.resolve("part-00000-0b1e7e57-c000.json"));
        Files.createDirectories(out.resolve("name=b"));
        Files.writeString(out.resolve("name=b/part-00000-0b1e7e57-c000.json"), "{\"id\":2");
        Files.writeString(out.resolve("_spark_metadata/.1.5d2f.tmp"), "v1\n{\"pa");
        Files.writeString(out.resolve("README.txt"), "not the sink's");

        drop(in.resolve("b.json"), "{\"id\":2,\"name\":\"b\"}\n", 2000);
        StreamingQuery restarted = start(in, out, cp, "name");
        restarted.processAllAvailable();
        restarted.stop();
        List<String> after = dataFiles(out);
        assertThat(after).contains(committed.get(0), "README.txt")
                .doesNotContain("part-00000-0b1e7e57-c000.json", "name=b/part-00000-0b1e7e57-c000.json");
        assertThat(after.stream().filter(f -> f.contains("part-"))).hasSize(2);
        assertThat(filesUnder(out.resolve("_spark_metadata"))).containsExactly("0", "1");
        // every part file left is non-empty and committed: a reader bypassing the log reads the same rows
        List<Row> rows = spark.read().schema(PEOPLE).json(out.toString()).collectAsList();
        assertThat(column(rows, "id")).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void aFolderWithoutALogIsNotTheSinksAndKeepsItsFiles() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("part-00000-foreign-c000.json"), "{\"id\":9,\"name\":\"z\"}\n");
        FileSinkWriter writer = new FileSinkWriter(FileAccess.path(out), FileFormats.forName("json"),
                FormatOptions.empty(), List.of());
        assertThat(writer.deleteUncommittedFiles()).isZero();
        assertThat(out.resolve("part-00000-foreign-c000.json")).exists();
    }
}
