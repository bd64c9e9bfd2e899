package dev.sluice.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreConf;
import dev.sluice.state.StateStoreContractTest;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The RocksDB provider under the shared contract, plus incremental uploads. */
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
        assertThat(second.metrics().customMetrics().get("rocksdbUploadedBytes")).isPositive();
    }

    @Test
    void sparkProviderClassNameSelectsRocksDb() {
        assertThat(StateStoreProviders.create("org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider"))
                .isInstanceOf(RocksDbStateStoreProvider.class);
        assertThat(StateStoreConf.from(java.util.Map.of(StateStoreConf.PROVIDER_CLASS, "rocksdb")).providerName())
                .isEqualTo("rocksdb");
    }
}
