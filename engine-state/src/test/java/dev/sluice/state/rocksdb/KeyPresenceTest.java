package dev.sluice.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link KeyPresence}: answers by key content, copies what the caller may change, and stops at its budgets. */
class KeyPresenceTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersByContentAndLatestRecordWins() {
        KeyPresence presence = new KeyPresence(1 << 20, 1 << 20);
        assertThat(presence.lookup(b("a"))).isEqualTo(KeyPresence.UNKNOWN);
        for (int i = 0; i < 1000; i++) {
            presence.record(b("k" + i), i % 2 == 0);
        }
        presence.record(b("k1"), true);
        assertThat(presence.lookup(b("k0"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("k1"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("k3"))).isEqualTo(KeyPresence.ABSENT);
        assertThat(presence.lookup(b("k1000"))).isEqualTo(KeyPresence.UNKNOWN);
    }

    @Test
    void recordCopyKeepsItsOwnArray() {
        KeyPresence presence = new KeyPresence(1 << 20, 1 << 20);
        byte[] key = b("ab");
        presence.recordCopy(key, true);
        key[1] = 'c';
        assertThat(presence.lookup(b("ab"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("ac"))).isEqualTo(KeyPresence.UNKNOWN);
    }

    @Test
    void scansDoNotOverrideWhatWritesRecorded() {
        KeyPresence presence = new KeyPresence(1 << 20, 1 << 20);
        presence.record(b("gone"), false);
        presence.recordScanned(b("gone"));
        presence.recordScanned(b("seen"));
        assertThat(presence.lookup(b("gone"))).isEqualTo(KeyPresence.ABSENT);
        assertThat(presence.lookup(b("seen"))).isEqualTo(KeyPresence.PRESENT);
    }

    @Test
    void stopsRecordingAtItsBudgets() {
        KeyPresence presence = new KeyPresence(10 * 34, 3 * 34);
        for (int i = 0; i < 5; i++) {
            presence.recordScanned(b("s" + i));
        }
        for (int i = 0; i < 20; i++) {
            presence.record(b("w" + i), true);
        }
        assertThat(presence.lookup(b("s2"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("s3"))).isEqualTo(KeyPresence.UNKNOWN);
        assertThat(presence.lookup(b("w6"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("w7"))).isEqualTo(KeyPresence.UNKNOWN);
        // a recorded key still changes state when the budget is spent
        presence.record(b("w0"), false);
        assertThat(presence.lookup(b("w0"))).isEqualTo(KeyPresence.ABSENT);
    }
}
