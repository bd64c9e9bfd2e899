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
}
