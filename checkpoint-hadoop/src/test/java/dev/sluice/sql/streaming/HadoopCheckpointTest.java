package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointLocation;
import dev.sluice.checkpoint.CommitEntry;
import dev.sluice.checkpoint.MetadataLog;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints through Hadoop's FileSystem API (issue 15): a query's checkpoint on {@code chroot:} URIs, a scheme
 * registered through {@code spark.hadoop.fs.chroot.impl} whose files exist only through that Hadoop file system
 * (connector-files' {@code ChrootTestFileSystem}: Hadoop's {@code RawLocalFileSystem} under a root folder, with
 * HDFS's never-replacing rename). Code that bypassed the file system (java.nio on the URI's path) would write to
 * {@code /queries/...} instead of the root and the restarts below would lose their state. Both state providers:
 * in-memory ({@code hdfs}) and RocksDB, whose local working copy syncs its files to the remote checkpoint.
 */
class HadoopCheckpointTest extends StatefulTestSupport {
    static final StructType KV = BatchReplayTest.KV;

    @TempDir
    Path root;

    @BeforeEach
    void registerTheScheme() {
        spark.conf().set("spark.hadoop.fs.chroot.impl", "dev.sluice.connectors.file.ChrootTestFileSystem");
        spark.conf().set("spark.hadoop.fs.chroot.impl.disable.cache", "true");
        spark.conf().set("spark.hadoop.fs.chroot.root", root.toString());
    }

    @AfterEach
    void unregister() {
        spark.conf().unset("spark.hadoop.fs.chroot.impl");
        spark.conf().unset("spark.hadoop.fs.chroot.impl.disable.cache");
        spark.conf().unset("spark.hadoop.fs.chroot.root");
    }

    private static StreamingQuery start(MemoryStream input, String checkpoint, Map<Long, List<String>> out)
            throws Exception {
        return BatchReplayTest.writer(input, checkpoint, out).start();
    }

    private static List<String> filesUnder(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdfs", "rocksdb"})
    void aStatefulQueryRestartsExactlyOnceOnAHadoopFileSystem(String provider) throws Exception {
        spark.conf().set("spark.sql.streaming.stateStore.providerClass", provider);
        String checkpoint = "chroot:///queries/agg-" + provider;
        MemoryStream input = MemoryStream.of(spark, KV);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());

        StreamingQuery first = start(input, checkpoint, out);
        input.addData(List.of(RowFactory.create("a", 1L), RowFactory.create("b", 2L), RowFactory.create("a", 3L)));
        first.processAllAvailable();
        first.stop();

        // the second run dies after batch 1 wrote its state, before its commit: the restart must re-run batch 1
        // from state version 1 (not count it twice) and go on
        spark.streams().setHooks(new BatchHooks() {
            @Override
            public void afterStateCommit(long batchId) {
                if (batchId == 1) {
                    throw new IllegalStateException("injected crash after the state commit of batch 1");
                }
            }
        });
        StreamingQuery second = start(input, checkpoint, out);
        input.addData(List.of(RowFactory.create("a", 10L), RowFactory.create("c", 5L)));
        assertThatThrownBy(second::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("injected crash");
        Path remote = root.resolve("queries/agg-" + provider);
        assertThat(remote.resolve("offsets/1")).exists();
        assertThat(remote.resolve("commits/1")).doesNotExist();

        spark.streams().setHooks(BatchHooks.NONE);
        StreamingQuery third = start(input, checkpoint, out);
        third.processAllAvailable();
        input.addData(List.of(RowFactory.create("b", 1L)));
        third.processAllAvailable();
        third.stop();

        // hand-computed per batch (update mode: the keys the batch changed, with count and sum so far)
        assertThat(out).isEqualTo(Map.of(
                0L, List.of("[a,2,4]", "[b,1,2]"),
                1L, List.of("[a,3,14]", "[c,1,5]"),
                2L, List.of("[b,2,3]")));
        // every checkpoint file went through the chroot file system: under its root, nowhere else
        List<String> files = filesUnder(remote);
        assertThat(files).contains("metadata", "offsets/0", "offsets/2", "commits/0", "commits/2",
                "state/0/_metadata").noneMatch(f -> f.endsWith(".tmp") || f.endsWith(".crc"));
        assertThat(files).anyMatch(f -> f.startsWith("state/0/") && (provider.equals("hdfs")
                ? f.endsWith(".delta") : f.endsWith(".rocksdb")));
        if (provider.equals("rocksdb")) {
            assertThat(files).anyMatch(f -> f.contains("/sst/") && f.endsWith(".sst"));
        }
        assertThat(Path.of("/queries")).doesNotExist();
    }

    @Test
    void theStateDataSourceAndTheCheckpointFilesReadARemoteCheckpoint() throws Exception {
        String checkpoint = "chroot:///queries/read";
        MemoryStream input = MemoryStream.of(spark, KV);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(input, checkpoint, out);
        input.addData(List.of(RowFactory.create("x", 7L), RowFactory.create("x", 8L)));
        q.processAllAvailable();
        q.stop();

        List<Row> state = spark.read().format("statestore").load(checkpoint).collectAsList();
        assertThat(state).hasSize(1);
        assertThat(state.get(0).get(0).toString()).isEqualTo("[x]");
        Path cp = CheckpointLocation.resolve(checkpoint, spark.conf().getAll());
        assertThat(cp.toString()).isEqualTo("chroot:///queries/read");
        assertThat(cp.resolve("commits").resolve("0").toUri().getScheme()).isEqualTo("chroot");
        assertThat(Files.isRegularFile(cp.resolve("commits/0"))).isTrue();
        assertThat(Files.readString(root.resolve("queries/read/commits/0"))).startsWith("v1\n");
    }

    @Test
    void aRewrittenEntryReplacesTheOldOneOnAFileSystemWhoseRenameNeverReplaces() throws Exception {
        Path dir = CheckpointLocation.resolve("chroot:///logs/commits", spark.conf().getAll());
        MetadataLog<CommitEntry> log = new MetadataLog<>(dir, CommitEntry::serialize, CommitEntry::parse);
        log.add(0, new CommitEntry(1000));
        log.add(0, new CommitEntry(2000));
        assertThat(log.get(0).orElseThrow().nextBatchWatermarkMs()).isEqualTo(2000);
        assertThat(log.batchIds()).containsExactly(0L);
        assertThat(filesUnder(root.resolve("logs/commits"))).containsExactly("0");
    }

    @Test
    void sourceLogsAndFileSinkOutputOfAFileQueryLiveOnTheRemoteCheckpoint() throws Exception {
        Path in = Files.createDirectories(root.resolve("in"));
        Files.writeString(in.resolve("a.json"), "{\"k\":\"a\",\"v\":1}\n{\"k\":\"b\",\"v\":2}\n");
        String checkpoint = "chroot:///queries/files";
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        Dataset<Row> counts = spark.readStream().schema(KV).json("chroot:///in").groupBy(col("k")).count();
        StreamingQuery q = counts.writeStream().outputMode("complete").option("checkpointLocation", checkpoint)
                .trigger(Trigger.AvailableNow()).foreachBatch((Dataset<Row> batch, Long id) -> {
                    out.put(id, batch.collectAsList().stream().map(Row::toString).sorted().toList());
                }).start();
        q.awaitTermination();
        Files.writeString(in.resolve("b.json"), "{\"k\":\"a\",\"v\":3}\n");
        q = counts.writeStream().outputMode("complete").option("checkpointLocation", checkpoint)
                .trigger(Trigger.AvailableNow()).foreachBatch((Dataset<Row> batch, Long id) -> {
                    out.put(id, batch.collectAsList().stream().map(Row::toString).sorted().toList());
                }).start();
        q.awaitTermination();
        // a.json is read once: the file source's log in sources/0 on the remote checkpoint remembers it
        assertThat(out).isEqualTo(Map.of(0L, List.of("[a,1]", "[b,1]"), 1L, List.of("[a,2]", "[b,1]")));
        assertThat(filesUnder(root.resolve("queries/files"))).contains("sources/0/0", "sources/0/1");
    }

    @Test
    void aDamagedRemoteFileIsNamedRelativeToItsCheckpoint() throws Exception {
        String checkpoint = "chroot:///queries/damaged";
        MemoryStream input = MemoryStream.of(spark, KV);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(input, checkpoint, out);
        input.addData(List.of(RowFactory.create("x", 7L)));
        q.processAllAvailable();
        q.stop();
        Path commit = root.resolve("queries/damaged/commits/0");
        byte[] bytes = Files.readAllBytes(commit);
        bytes[4] ^= 0x20;
        Files.write(commit, bytes);
        assertThatThrownBy(() -> start(input, checkpoint, out).processAllAvailable())
                .hasMessageContaining("SLUICE_CHECKPOINT.CORRUPTED_FILE")
                .hasMessageContaining("commits/0 of checkpoint chroot:///queries/damaged is corrupted");
    }

    @Test
    void anAbsolutePlainPathIsQualifiedWithTheSessionsDefaultFileSystem() throws Exception {
        spark.conf().set("spark.hadoop.fs.defaultFS", "chroot:///");
        try {
            MemoryStream input = MemoryStream.of(spark, KV);
            Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
            StreamingQuery q = start(input, "/queries/default-fs", out);
            input.addData(List.of(RowFactory.create("d", 4L)));
            q.processAllAvailable();
            q.stop();
            assertThat(out).isEqualTo(Map.of(0L, List.of("[d,1,4]")));
            assertThat(root.resolve("queries/default-fs/commits/0")).exists();
            assertThat(Path.of("/queries/default-fs")).doesNotExist();
        } finally {
            spark.conf().unset("spark.hadoop.fs.defaultFS");
        }
    }

    @Test
    void anUnusableLocationIsAClearErrorAtStart() throws Exception {
        MemoryStream input = MemoryStream.of(spark, KV);
        Map<Long, List<String>> out = new TreeMap<>();
        assertThatThrownBy(() -> start(input, "nosuchfs://host/cp", out)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("SLUICE_CHECKPOINT.UNSUPPORTED_LOCATION")
                .hasMessageContaining("nosuchfs://host/cp")
                .hasMessageContaining("No FileSystem for scheme");
        assertThatThrownBy(() -> start(input, "s3a://AKIDEXAMPLE:s3cr3t@bucket/cp", out))
                .hasMessageContaining("'s3a://***@bucket/cp': credentials in a checkpoint URI are not supported")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
        Files.writeString(root.resolve("taken"), "a file, not a folder");
        assertThatThrownBy(() -> start(input, "chroot:///taken", out)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("SLUICE_CHECKPOINT.IO_ERROR")
                .hasMessageContaining("chroot:///taken is a file, not a folder");
    }
}
