package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The in-memory (HDFS-style) provider under the shared contract, plus its file layout. */
class InMemoryStateStoreTest extends StateStoreContractTest {
    @Override
    protected StateStoreProvider newProvider() {
        return StateStoreProviders.create("hdfs");
    }

    @Test
    void writesDeltasAndPeriodicSnapshots() {
        StateStoreProvider provider = open(new StateStoreConf("hdfs", 2, 100, 8, 16));
        for (int v = 0; v < 4; v++) {
            StateStore store = provider.getStore(v);
            store.put(b("k"), b("v" + v));
            store.commit();
        }
        assertThat(id.directory().resolve("1.delta")).exists();
        assertThat(id.directory().resolve("2.snapshot")).exists();
        assertThat(id.directory().resolve("4.snapshot")).exists();
        assertThat(Files.exists(id.directory().resolve("3.snapshot"))).isFalse();
    }

    @Test
    void memoryUsedFollowsPutsRemovesAbortsAndReloads() {
        StateStoreProvider provider = open();
        StateStore store = provider.getStore(0);
        store.put(b("a"), b("12345"));
        store.put(b("b"), b("1"));
        store.put(b("a"), b("1")); // replaces a 5-byte value with a 1-byte one
        store.commit();
        long twoSmallEntries = 2 * (1 + 1 + 64);
        assertThat(provider.getStore(1).metrics().memoryUsedBytes()).isEqualTo(twoSmallEntries);
        provider.close();

        StateStoreProvider reloaded = open();
        StateStore again = reloaded.getStore(1);
        assertThat(again.metrics().memoryUsedBytes()).isEqualTo(twoSmallEntries);
        again.remove(b("a"));
        again.put(b("c"), b("123"));
        again.abort(); // back to version 1
        assertThat(reloaded.getStore(1).metrics().memoryUsedBytes()).isEqualTo(twoSmallEntries);
    }

    @Test
    void reportsTheCustomMetricsOfSparksHdfsProvider() {
        // HDFSBackedStateStoreProvider (Spark 4.1): loadedMapCacheHitCount/MissCount count loads of versions
        // above 0 over the provider's life, stateOnCurrentVersionSizeBytes is the state's estimated size, and
        // SnapshotLastUploaded.partition_<id>_default is -1 until a snapshot is written.
        StateStoreProvider provider = open(new StateStoreConf("hdfs", 2, 100, 8, 16));
        StateStore first = provider.getStore(0);
        first.put(b("k"), b("v"));
        first.commit();
        assertThat(first.metrics().customMetrics()).containsEntry("loadedMapCacheHitCount", 0L)
                .containsEntry("loadedMapCacheMissCount", 0L)
                .containsEntry("stateOnCurrentVersionSizeBytes", first.metrics().memoryUsedBytes())
                .containsEntry("SnapshotLastUploaded.partition_3_default", -1L);
        StateStore second = provider.getStore(1); // the version in memory: a cache hit
        second.put(b("k"), b("w"));
        second.commit(); // version 2: a snapshot with minDeltasForSnapshot = 2
        assertThat(second.metrics().customMetrics()).containsEntry("loadedMapCacheHitCount", 1L)
                .containsEntry("loadedMapCacheMissCount", 0L)
                .containsEntry("SnapshotLastUploaded.partition_3_default", 2L);
        provider.close();

        StateStoreProvider reopened = open(new StateStoreConf("hdfs", 2, 100, 8, 16));
        StateStore third = reopened.getStore(2); // read from files: a miss
        assertThat(third.metrics().customMetrics()).containsEntry("loadedMapCacheHitCount", 0L)
                .containsEntry("loadedMapCacheMissCount", 1L);
        third.abort();
    }

    @Test
    void progressKeepsTheFiveSmallestInstanceMetricsPerPrefix() {
        // Spark 4.1's numStateStoreInstanceMetricsToReport (default 5), smallest values first.
        java.util.Map<String, Long> merged = new java.util.HashMap<>();
        for (int p = 0; p < 8; p++) {
            merged.put("SnapshotLastUploaded.partition_" + p + "_default", p < 2 ? 10L : -1L);
        }
        merged.put("loadedMapCacheHitCount", 8L);
        assertThat(StateStoreInstanceMetrics.reportable(merged)).containsOnlyKeys("loadedMapCacheHitCount",
                "SnapshotLastUploaded.partition_2_default", "SnapshotLastUploaded.partition_3_default",
                "SnapshotLastUploaded.partition_4_default", "SnapshotLastUploaded.partition_5_default",
                "SnapshotLastUploaded.partition_6_default");
    }
}
