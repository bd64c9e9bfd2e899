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
}
