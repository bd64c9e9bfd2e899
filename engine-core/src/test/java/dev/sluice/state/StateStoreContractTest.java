package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link StateStoreProvider} meets (Kafka Streams' habit: one abstract test, run
 * against each implementation): versions, abort, reload in a new provider, retention, prefix scans and
 * clear errors on damaged files.
 */
public abstract class StateStoreContractTest {
    @TempDir
    protected Path checkpoint;
    private final List<StateStoreProvider> opened = new ArrayList<>();
    protected StateStoreId id;

    /** A new, uninitialised provider of the implementation under test. */
    protected abstract StateStoreProvider newProvider();

    protected StateStoreProvider open(StateStoreConf conf) {
        StateStoreProvider p = newProvider();
        p.init(id, conf);
        opened.add(p);
        return p;
    }

    protected StateStoreProvider open() {
        return open(StateStoreConf.DEFAULT);
    }

    @BeforeEach
    void storeId() {
        id = new StateStoreId(checkpoint, 0, 3);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(StateStoreProvider::close);
    }

    protected static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> entries(Iterator<KeyValue> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(kv -> out.add(s(kv.key()) + "=" + s(kv.value())));
        return out;
    }

    @Test
    void updatesAreVisibleAtOnceAndCommittedAsTheNextVersion() {
        StateStoreProvider provider = open();
        StateStore store = provider.getStore(0);
        assertThat(store.get(b("a"))).isNull();
        store.put(b("a"), b("1"));
        store.put(b("b"), b("2"));
        store.remove(b("b"));
        assertThat(s(store.get(b("a")))).isEqualTo("1");
        assertThat(store.get(b("b"))).isNull();
        assertThat(store.commit()).isEqualTo(1);
        assertThat(store.metrics().numKeys()).isEqualTo(1);
        assertThat(provider.latestVersion()).isEqualTo(1);
        assertThat(id.directory()).isDirectory();

        StateStore v1 = provider.getStore(1);
        v1.put(b("a"), b("10"));
        assertThat(v1.commit()).isEqualTo(2);
        assertThat(s(provider.getStore(2).get(b("a")))).isEqualTo("10");
    }

    @Test
    void abortRestoresTheLoadedVersion() {
        StateStoreProvider provider = open();
        StateStore store = provider.getStore(0);
        store.put(b("a"), b("1"));
        store.commit();
        StateStore v1 = provider.getStore(1);
        v1.put(b("a"), b("2"));
        v1.put(b("new"), b("x"));
        v1.remove(b("a"));
        v1.abort();
        StateStore again = provider.getStore(1);
        assertThat(s(again.get(b("a")))).isEqualTo("1");
        assertThat(again.get(b("new"))).isNull();
        assertThat(entries(again.iterator())).containsExactly("a=1");
        assertThatThrownBy(() -> v1.put(b("z"), b("z"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewProviderLoadsAnyRetainedVersion() {
        StateStoreConf conf = new StateStoreConf("any", 3, 100, 8, 16);
        StateStoreProvider first = open(conf);
        for (int v = 0; v < 7; v++) {
            StateStore store = first.getStore(v);
            store.put(b("k" + v), b("v" + v));
            if (v > 0) {
                store.remove(b("k" + (v - 1)));
            }
            store.commit();
        }
        first.close();
        StateStoreProvider second = open(conf);
        assertThat(second.latestVersion()).isEqualTo(7);
        assertThat(entries(second.getStore(7).iterator())).containsExactly("k6=v6");
        second.close();
        StateStoreProvider third = open(conf);
        assertThat(entries(third.getStore(4).iterator())).containsExactly("k3=v3");
    }

    @Test
    void reRunningABatchFromThePreviousVersionReplacesItsResult() {
        StateStoreProvider provider = open();
        StateStore store = provider.getStore(0);
        store.put(b("a"), b("first attempt"));
        store.commit();
        // Crash after the state commit but before the batch commit: the batch re-runs from version 0.
        StateStore retry = provider.getStore(0);
        assertThat(retry.get(b("a"))).isNull();
        retry.put(b("a"), b("second attempt"));
        assertThat(retry.commit()).isEqualTo(1);
        assertThat(s(open().getStore(1).get(b("a")))).isEqualTo("second attempt");
    }

    @Test
    void aSealedVersionIsUpdatedByTheNextOneWhileItsWriteRunsOnAnotherThread() throws Exception {
        StateStoreConf conf = StateStoreConf.DEFAULT;
        StateStoreProvider provider = open(conf);
        StateStore v0 = provider.getStore(0);
        v0.put(b("a"), b("1"));
        v0.put(b("b"), b("2"));
        StateStore.Sealed sealed = v0.seal();
        assertThat(v0.metrics().numKeys()).isEqualTo(2);
        // nothing of version 1 is durable before its write: a crash here leaves version 0 the latest
        assertThat(provider.latestVersion()).isZero();
        StateStore v1 = provider.getStore(1);
        v1.put(b("a"), b("10"));
        v1.remove(b("b"));
        v1.put(b("c"), b("3"));
        java.util.concurrent.FutureTask<Long> write = new java.util.concurrent.FutureTask<>(sealed::write);
        Thread writer = new Thread(write, "sealed-write");
        writer.start();
        v1.put(b("d"), b("4"));
        assertThat(write.get()).isEqualTo(1);
        assertThat(s(v1.get(b("a")))).isEqualTo("10");
        assertThat(v1.commit()).isEqualTo(2);
        // the write captured version 1 as sealed, untouched by version 2's updates made meanwhile
        StateStoreProvider restarted = open(conf);
        StateStore reread1 = restarted.getStore(1);
        assertThat(entries(reread1.iterator())).containsExactlyInAnyOrder("a=1", "b=2");
        reread1.abort();
        StateStore reread2 = restarted.getStore(2);
        assertThat(entries(reread2.iterator())).containsExactlyInAnyOrder("a=10", "c=3", "d=4");
        reread2.abort();
    }

    @Test
    void aSealedVersionWhoseWriteNeverRanIsAbsentAfterARestart() {
        StateStoreProvider provider = open();
        StateStore v0 = provider.getStore(0);
        v0.put(b("a"), b("1"));
        assertThat(v0.commit()).isEqualTo(1);
        StateStore v1 = provider.getStore(1);
        v1.put(b("a"), b("2"));
        v1.seal(); // the process dies before the write
        StateStoreProvider restarted = open();
        assertThat(restarted.latestVersion()).isEqualTo(1);
        StateStore again = restarted.getStore(1);
        assertThat(s(again.get(b("a")))).isEqualTo("1");
        again.put(b("a"), b("3"));
        assertThat(again.commit()).isEqualTo(2);
        StateStore reread = open().getStore(2);
        assertThat(s(reread.get(b("a")))).isEqualTo("3");
        reread.abort();
    }

    @Test
    void prefixScanReturnsOnlyMatchingKeys() {
        StateStore store = open().getStore(0);
        store.put(b("user1/a"), b("1"));
        store.put(b("user1/b"), b("2"));
        store.put(b("user2/a"), b("3"));
        store.put(b("user"), b("4"));
        assertThat(entries(store.prefixScan(b("user1/")))).containsExactlyInAnyOrder("user1/a=1", "user1/b=2");
        assertThat(entries(store.prefixScan(b("none")))).isEmpty();
    }

    @Test
    void oldVersionsAreDeletedBeyondRetention() {
        StateStoreConf conf = new StateStoreConf("any", 2, 3, 8, 16);
        StateStoreProvider provider = open(conf);
        for (int v = 0; v < 10; v++) {
            StateStore store = provider.getStore(v);
            store.put(b("k"), b(Integer.toString(v)));
            store.commit();
        }
        assertThat(s(open(conf).getStore(8).get(b("k")))).isEqualTo("7");
        assertThatThrownBy(() -> open(conf).getStore(2)).isInstanceOf(StateStoreException.class);
    }

    @Test
    void missingVersionIsAClearError() {
        StateStoreProvider provider = open();
        assertThatThrownBy(() -> provider.getStore(5))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("CANNOT_LOAD_STATE_STORE")
                .hasMessageContaining(id.directory().toString());
    }

    @Test
    void corruptedFileIsReportedByName() throws IOException {
        StateStoreProvider provider = open();
        StateStore store = provider.getStore(0);
        store.put(b("a"), b("1"));
        store.commit();
        provider.close();
        Path damaged;
        try (Stream<Path> files = Files.list(id.directory())) {
            damaged = files.filter(p -> p.getFileName().toString().startsWith("1.")).filter(Files::isRegularFile)
                    .findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(damaged);
        content[content.length - 3] ^= 0x55;
        Files.write(damaged, content);
        assertThatThrownBy(() -> open().getStore(1))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(damaged.getFileName().toString());
    }
}
