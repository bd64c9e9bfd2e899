package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.checkpoint.CheckpointLocation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a checkpoint goes: plain paths and {@code file:} URIs name the same local folder, other schemes and
 * unusable folders fail at {@code start()}, leftovers of a killed write are removed on start, and damaged
 * files are named relative to their checkpoint.
 */
class CheckpointLocationTest extends StreamingTestSupport {
    @TempDir
    Path dir;

    private StreamingQuery startCounts(MemoryStream input, String checkpoint, List<String> seen) throws Exception {
        return input.toDF().groupBy("value").count().writeStream().outputMode("complete")
                .option("checkpointLocation", checkpoint)
                .foreachBatch((Dataset<Row> ds, Long id) -> seen.add(id + ":" + ds.count()))
                .start();
    }

    @Test
    void fileUrisAndPlainPathsNameTheSameLocalFolder() {
        Path cp = dir.resolve("cp").toAbsolutePath();
        assertThat(CheckpointLocation.resolve(cp.toString())).isEqualTo(cp);
        assertThat(CheckpointLocation.resolve("file://" + cp)).isEqualTo(cp);
        assertThat(CheckpointLocation.resolve("file:" + cp)).isEqualTo(cp);
        assertThat(CheckpointLocation.resolve("file://localhost" + cp)).isEqualTo(cp);
        assertThat(CheckpointLocation.resolve(cp.toUri().toString())).isEqualTo(cp);
        assertThat(CheckpointLocation.resolve("rel/cp")).isEqualTo(Paths.get("rel/cp").toAbsolutePath());
        assertThat(CheckpointLocation.resolve("file://" + cp, "q1")).isEqualTo(cp.resolve("q1"));
    }

    @Test
    void aQueryWithAFileUriCheckpointWritesIntoThatFolderNotIntoAFolderNamedFile() throws Exception {
        MemoryStream input = lines();
        Path cp = dir.resolve("cp").toAbsolutePath();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery query = startCounts(input, "file://" + cp, seen);
        input.addValues("a", "b");
        query.processAllAvailable();
        query.stop();
        assertThat(cp.resolve("offsets/0")).exists();
        assertThat(cp.resolve("commits/0")).exists();
        assertThat(Paths.get("file:")).doesNotExist();
        // the same checkpoint through a plain path: a restart, not a new query
        StreamingQuery again = startCounts(input, cp.toString(), seen);
        input.addValues("c");
        again.processAllAvailable();
        again.stop();
        assertThat(again.id()).isEqualTo(query.id());
        assertThat(seen).containsExactly("0:2", "1:3");
    }

    @Test
    void otherFileSystemsWithoutTheHadoopArtifactAreRefusedAtStartNamingTheLocation() {
        // engine-core alone has no checkpoint file system for other schemes (checkpoint-hadoop serves them)
        MemoryStream input = lines();
        for (String location : List.of("hdfs://namenode:8020/cp", "s3a://bucket/cp")) {
            String scheme = location.substring(0, location.indexOf(':'));
            assertThatThrownBy(() -> startCounts(input, location, new ArrayList<>()))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageStartingWith("[SLUICE_CHECKPOINT.UNSUPPORTED_LOCATION] Cannot use checkpointLocation '"
                            + location + "': no checkpoint file system serves '" + scheme + ":' URIs. Add the artifact"
                            + " dev.sluice:checkpoint-hadoop");
        }
        assertThatThrownBy(() -> startCounts(input, "file://otherhost/cp", new ArrayList<>()))
                .hasMessageContaining("not one on host 'otherhost'");
        assertThat(Paths.get("hdfs:")).doesNotExist();
    }

    @Test
    void aLocationThatIsAFileOrCannotBeWrittenFailsAtStart() throws Exception {
        MemoryStream input = lines();
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> startCounts(input, file.toString(), new ArrayList<>()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("Checkpoint location " + file.toAbsolutePath() + " is a file, not a folder");
        Path readOnly = Files.createDirectories(dir.resolve("ro"));
        assertThat(readOnly.toFile().setWritable(false)).isTrue();
        try {
            if (!Files.isWritable(readOnly)) { // root may write anywhere: then there is nothing to refuse
                assertThatThrownBy(() -> startCounts(input, readOnly.resolve("cp").toString(), new ArrayList<>()))
                        .isInstanceOf(CheckpointException.class)
                        .hasMessageContaining("Cannot create the checkpoint folder " + readOnly.resolve("cp"));
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    @Test
    void temporaryFilesLeftByAKilledWriteAreDeletedWhenTheQueryStarts() throws Exception {
        MemoryStream input = lines();
        Path cp = dir.resolve("cp");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery first = startCounts(input, cp.toString(), seen);
        input.addValues("a");
        first.processAllAvailable();
        first.stop();
        // what a kill -9 between writing and renaming leaves (CheckpointFile's and the file source log's names)
        Path offsetsTemp = Files.writeString(cp.resolve("offsets/.1.57.tmp"), "v1\n{\"batchWat");
        Path stateTemp = Files.writeString(cp.resolve("state/0/0/.2.delta.12.tmp"), "");
        Path sourceTemp = Files.createDirectories(cp.resolve("sources/0")).resolve(".1.1f0e.tmp");
        Files.writeString(sourceTemp, "v1");
        Path userFile = Files.writeString(cp.resolve("notes.tmp"), "not hidden: not ours");
        StreamingQuery second = startCounts(input, cp.toString(), seen);
        input.addValues("b");
        second.processAllAvailable();
        second.stop();
        assertThat(offsetsTemp).doesNotExist();
        assertThat(stateTemp).doesNotExist();
        assertThat(sourceTemp).doesNotExist();
        assertThat(userFile).exists();
        assertThat(seen).containsExactly("0:1", "1:2");
    }

    @Test
    void filesAreNamedRelativeToTheirCheckpointInMessages() throws Exception {
        Path cp = dir.resolve("cp");
        CheckpointFile.write(cp.resolve("metadata"), 1, "{\"id\":\"x\"}");
        assertThat(CheckpointFile.describe(cp.resolve("state/0/3/2.delta")))
                .isEqualTo("state/0/3/2.delta of checkpoint " + cp.toAbsolutePath());
        assertThat(CheckpointFile.describe(dir.resolve("elsewhere/f"))).isEqualTo(dir.resolve("elsewhere/f")
                .toAbsolutePath().toString());
    }

    @Test
    void aFolderThatCannotBeSyncedIsAnErrorNotIgnored() {
        Path missing = dir.resolve("gone");
        assertThatThrownBy(() -> CheckpointFile.syncDirectory(missing)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("[SLUICE_CHECKPOINT.IO_ERROR] Cannot sync checkpoint folder " + missing);
    }
}
