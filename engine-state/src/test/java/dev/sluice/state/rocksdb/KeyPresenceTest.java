package dev.sluice.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link KeyPresence}: answers by key content, copies what the caller may change, knows what was written, and stops at its budgets. */
class KeyPresenceTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersByContentAndLatestRecordWins() {
        KeyPresence presence = new KeyPresence(1 << 20, 1 << 20);
        assertThat(presence.lookup(b("a"))).isEqualTo(KeyPresence.UNKNOWN);
        for (int i = 0; i < 1000; i++) {
            presence.recordWrite(b("k" + i), i % 2 == 0, false);
        }
        presence.recordRead(b("k1"), true);
        assertThat(presence.lookup(b("k0"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("k1"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("k3"))).isEqualTo(KeyPresence.ABSENT);
        assertThat(presence.lookup(b("k1000"))).isEqualTo(KeyPresence.UNKNOWN);
    }

    @Test
    void recordCopyKeepsItsOwnArray() {
        KeyPresence presence = new KeyPresence(1 << 20, 1 << 20);
        byte[] key = b("ab");
        presence.recordRead(key, true);
        key[1] = 'c';
        assertThat(presence.lookup(b("ab"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("ac"))).isEqualTo(KeyPresence.UNKNOWN);
    }

    @Test
    void scansDoNotOverrideWhatWritesRecorded() {
        KeyPresence presence = new KeyPresence(1 << 20, 1 << 20);
        presence.recordWrite(b("gone"), false, false);
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
            presence.recordWrite(b("w" + i), true, false);
        }
        assertThat(presence.lookup(b("s2"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("s3"))).isEqualTo(KeyPresence.UNKNOWN);
        assertThat(presence.lookup(b("w6"))).isEqualTo(KeyPresence.PRESENT);
        assertThat(presence.lookup(b("w7"))).isEqualTo(KeyPresence.UNKNOWN);
        // a recorded key still changes state when the budget is spent
        presence.recordWrite(b("w0"), false, false);
        assertThat(presence.lookup(b("w0"))).isEqualTo(KeyPresence.ABSENT);
        // a write was refused, so any unrecorded key may sit in the write batch
        assertThat(presence.mayBeWritten(b("w19"))).isTrue();
        assertThat(presence.mayBeWritten(b("never"))).isTrue();
    }

    @Test
    void knowsWhichKeysThisVersionWrote() {
        KeyPresence presence = new KeyPresence(1 << 20, 1 << 20);
        presence.recordRead(b("read"), true);
        presence.recordScanned(b("scanned"));
        presence.recordWrite(b("put"), true, false);
        presence.recordRead(b("put"), true);
        presence.recordRead(b("removed"), true);
        presence.recordWrite(b("removed"), false, true);
        assertThat(presence.mayBeWritten(b("read"))).isFalse();
        assertThat(presence.mayBeWritten(b("scanned"))).isFalse();
        assertThat(presence.mayBeWritten(b("never"))).isFalse();
        assertThat(presence.mayBeWritten(b("put"))).isTrue();
        assertThat(presence.mayBeWritten(b("removed"))).isTrue();
        assertThat(presence.lookup(b("removed"))).isEqualTo(KeyPresence.ABSENT);
    }
}
