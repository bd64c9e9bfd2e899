package dev.sluice.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreConf;
import dev.sluice.state.StateStoreContractTest;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The RocksDB provider under the shared contract, plus incremental uploads, the working copy written without a
 * WAL (crash and abort both fall back to the last manifest) and exact key counts without a get before each put.
 */
class RocksDbStateStoreTest extends StateStoreContractTest {
    @Override
    protected StateStoreProvider newProvider() {
        return StateStoreProviders.create("rocksdb");
    }

    private long sstCount() throws IOException {
        Path sst = id.directory().resolve("sst");
        try (Stream<Path> files = Files.list(sst)) {
            return files.count();
        }
    }

    @Test
    void commitsReuseSstFilesAlreadyUploaded() throws IOException {
        StateStoreProvider provider = open(new StateStoreConf("rocksdb", 10, 100, 8, 16));
        StateStore store = provider.getStore(0);
        for (int i = 0; i < 1000; i++) {
            store.put(b("key" + i), b("value" + i));
        }
        store.commit();
        long afterFirst = sstCount();
        StateStore second = provider.getStore(1);
        second.put(b("one-more"), b("x"));
        second.commit();
        // The first version's SST is shared; only the new flush adds a file.
        assertThat(sstCount()).isEqualTo(afterFirst + 1);
        assertThat(second.metrics().numKeys()).isEqualTo(1001);
        // Spark's metric names: the new SST copied, the first version's reused.
        assertThat(second.metrics().customMetrics()).containsEntry("rocksdbFilesCopied", 1L)
                .containsEntry("rocksdbFilesReused", (long) afterFirst)
                .containsEntry("SnapshotLastUploaded.partition_3_default", 2L);
        assertThat(second.metrics().customMetrics().get("rocksdbBytesCopied")).isPositive();
    }

    @Test
    void sparkProviderClassNameSelectsRocksDb() {
        assertThat(StateStoreProviders.create("org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider"))
                .isInstanceOf(RocksDbStateStoreProvider.class);
        assertThat(StateStoreConf.from(java.util.Map.of(StateStoreConf.PROVIDER_CLASS, "rocksdb")).providerName())
                .isEqualTo("rocksdb");
    }

    @Test
    void crashBetweenWritesAndCommitRecoversTheLastCommittedVersion() {
        StateStoreProvider crashed = open();
        StateStore v0 = crashed.getStore(0);
        v0.put(b("a"), b("1"));
        v0.put(b("b"), b("2"));
        v0.commit();
        StateStore v1 = crashed.getStore(1);
        v1.put(b("a"), b("changed"));
        v1.put(b("c"), b("3"));
        v1.remove(b("b"));
        // the process dies here: no commit, no abort, no close; a restart opens a new provider
        StateStoreProvider restarted = open();
        assertThat(restarted.latestVersion()).isEqualTo(1);
        StateStore reloaded = restarted.getStore(1);
        assertThat(s(reloaded.get(b("a")))).isEqualTo("1");
        assertThat(s(reloaded.get(b("b")))).isEqualTo("2");
        assertThat(reloaded.get(b("c"))).isNull();
        // the re-run batch writes the next version again; its count starts from the committed one
        reloaded.put(b("c"), b("3"));
        reloaded.commit();
        assertThat(reloaded.metrics().numKeys()).isEqualTo(3);
    }

    @Test
    void abortAfterAScanReloadsTheCommittedVersionAndItsKeyCount() {
        StateStoreProvider provider = open();
        StateStore v0 = provider.getStore(0);
        v0.put(b("a"), b("1"));
        v0.put(b("b"), b("2"));
        v0.commit();
        StateStore v1 = provider.getStore(1);
        v1.put(b("c"), b("3"));
        v1.remove(b("a"));
        // a scan writes the pending updates into the working copy first; the abort must still discard them
        assertThat(v1.iterator()).toIterable().hasSize(2);
        v1.put(b("e"), b("5"));
        v1.abort();
        StateStore again = provider.getStore(1);
        assertThat(s(again.get(b("a")))).isEqualTo("1");
        assertThat(again.get(b("c"))).isNull();
        assertThat(again.get(b("e"))).isNull();
        again.put(b("d"), b("4"));
        again.commit();
        assertThat(again.metrics().numKeys()).isEqualTo(3);
    }

    @Test
    void abortBeforeAnyScanKeepsTheWorkingCopyAndRestoresTheKeyCount() {
        StateStoreProvider provider = open();
        StateStore v0 = provider.getStore(0);
        v0.put(b("a"), b("1"));
        v0.commit();
        StateStore v1 = provider.getStore(1);
        v1.put(b("b"), b("2"));
        v1.put(b("c"), b("3"));
        v1.remove(b("a"));
        v1.abort();
        StateStore again = provider.getStore(1);
        assertThat(again.metrics().numKeys()).isEqualTo(1);
        again.put(b("d"), b("4"));
        again.commit();
        assertThat(again.metrics().numKeys()).isEqualTo(2);
    }

    @Test
    void keyCountStaysExactWhenPutsAndRemovesFollowGetsAndScans() {
        StateStoreProvider provider = open();
        StateStore v0 = provider.getStore(0);
        for (int i = 0; i < 100; i++) {
            v0.put(b("k" + i), b("v"));
        }
        v0.commit();
        StateStore v1 = provider.getStore(1);
        // get then put (the aggregation's pattern): 50 known keys, 10 new ones
        for (int i = 50; i < 110; i++) {
            byte[] key = b("k" + i);
            v1.get(key);
            v1.put(key, b("w"));
        }
        // scan then remove (the eviction's pattern), each key twice: the second remove is a no-op
        List<byte[]> scanned = new ArrayList<>();
        v1.prefixScan(b("k1")).forEachRemaining(kv -> scanned.add(kv.key()));
        for (byte[] key : scanned) {
            v1.remove(key);
            v1.remove(key);
        }
        // a caller reusing its key array after a get must not make the store misjudge the next key
        byte[] reused = b("k2");
        assertThat(v1.get(reused)).isNotNull();
        reused[1] = 'x';
        v1.put(b("kx"), b("new"));
        v1.put(b("k2"), b("again"));
        v1.commit();
        long expected = 110 - scanned.size() + 1;
        assertThat(v1.metrics().numKeys()).isEqualTo(expected);
        long counted = 0;
        for (var it = provider.getStore(2).iterator(); it.hasNext(); it.next()) {
            counted++;
        }
        assertThat(counted).isEqualTo(expected);
    }

    /** A committed version 1 in a checkpoint folder (with its metadata file), its provider closed. */
    private void commitOneVersion() throws IOException {
        dev.sluice.checkpoint.CheckpointFile.write(checkpoint.resolve("metadata"), 1, "{\"id\":\"q\"}");
        StateStoreProvider provider = open();
        StateStore store = provider.getStore(0);
        for (int i = 0; i < 100; i++) {
            store.put(b("key" + i), b("value" + i));
        }
        store.commit();
        provider.close();
    }

    private static Path flipMiddleByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        return file;
    }

    private Path onlyFile(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    @Test
    void aDamagedSstFileIsNamedAsTheCheckpointsFileNotTheLocalCopy() throws IOException {
        commitOneVersion();
        Path sst = flipMiddleByte(onlyFile(id.directory().resolve("sst"), ""));
        assertThat(dev.sluice.checkpoint.CheckpointVerifier.verify(checkpoint).problems()).extracting(Object::toString)
                .singleElement().asString().startsWith("state/0/3/sst/" + sst.getFileName() + ": corrupted: its checksum"
                        + " does not match");
        StateStoreProvider restarted = open();
        assertThatThrownBy(() -> restarted.getStore(1)).isInstanceOf(dev.sluice.state.StateStoreException.class)
                .hasMessageContaining("[CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE] Error reading streaming"
                        + " state file state/0/3/sst/" + sst.getFileName() + " of checkpoint " + checkpoint
                        + ": it is corrupted: its checksum does not match")
                .hasMessageContaining("Restore the file from a backup of the checkpoint")
                .hasMessageNotContaining("sluice-rocksdb-");
    }

    @Test
    void aDamagedRocksDbManifestIsNamedAsTheCheckpointsFile() throws IOException {
        commitOneVersion();
        Path manifest = flipMiddleByte(onlyFile(id.directory().resolve("1.meta"), "MANIFEST-"));
        StateStoreProvider restarted = open();
        assertThatThrownBy(() -> restarted.getStore(1))
                .hasMessageContaining("state file state/0/3/1.meta/" + manifest.getFileName() + " of checkpoint "
                        + checkpoint + ": it is corrupted")
                .hasMessageNotContaining("sluice-rocksdb-");
    }

    @Test
    void manifestsWrittenBeforeChecksumsStillLoadAndTheNextVersionRecordsThem() throws IOException {
        commitOneVersion();
        Path manifestFile = id.directory().resolve("1.rocksdb");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dev.sluice.state.StateFiles
                .read(manifestFile));
        assertThat(tree.get("sstChecksums").size()).isEqualTo(tree.get("sstFiles").size()).isPositive();
        tree.remove("sstChecksums");
        tree.remove("metadataChecksums");
        dev.sluice.state.StateFiles.write(manifestFile, json.writeValueAsBytes(tree));
        StateStoreProvider restarted = open();
        StateStore v1 = restarted.getStore(1);
        assertThat(s(v1.get(b("key7")))).isEqualTo("value7");
        v1.put(b("more"), b("x"));
        v1.commit();
        var next = json.readTree(dev.sluice.state.StateFiles.read(id.directory().resolve("2.rocksdb")));
        assertThat(next.get("sstChecksums").size()).isEqualTo(next.get("sstFiles").size());
        assertThat(next.get("metadataChecksums").size()).isEqualTo(next.get("metadataFiles").size());
    }

    @Test
    void rocksDbErrorsNameTheCheckpointsFilesNotTheWorkingCopy() throws IOException {
        commitOneVersion();
        RocksDbStateStoreProvider provider = (RocksDbStateStoreProvider) open();
        provider.getStore(1).abort();
        Path sst = onlyFile(id.directory().resolve("sst"), "");
        String local = sst.getFileName().toString().replaceAll("-.*", ".sst");
        String message = "Corruption: block checksum mismatch in file " + provider.localFile(local) + " offset 0";
        assertThat(provider.checkpointNames(message)).isEqualTo("Corruption: block checksum mismatch in file "
                + "state/0/3/sst/" + sst.getFileName() + " of checkpoint " + checkpoint + " offset 0");
    }
}
