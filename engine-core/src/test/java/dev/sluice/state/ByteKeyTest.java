package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.stream.state.JoinStateLayout;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteKeyTest {
    /** A join's row entries: one key followed by row indexes 0..65535, as {@link JoinStateLayout#rowKey} makes them. */
    private static byte[][] rowKeys() {
        byte[] joinKey = {0, 0, 1, -114, 42, 17, 0, 0, 0, 0, 0, 0, 3, -24};
        byte[][] keys = new byte[65_536][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = JoinStateLayout.rowKey((byte) 'l', joinKey, i);
        }
        return keys;
    }

    @Test
    void rowIndexesOfOneKeyGetDistinctHashes() {
        byte[][] keys = rowKeys();
        Set<Integer> mixed = new HashSet<>();
        Set<Integer> base31 = new HashSet<>();
        for (byte[] key : keys) {
            mixed.add(ByteKey.hash(key));
            base31.add(Arrays.hashCode(key));
        }
        // the base-31 sum gives index 31 and index 256 (bytes 0,0,0,31 and 0,0,1,0) the same hash: 31 * 1 + 0 = 31
        assertThat(Arrays.hashCode(JoinStateLayout.rowKey((byte) 'l', new byte[0], 31)))
                .isEqualTo(Arrays.hashCode(JoinStateLayout.rowKey((byte) 'l', new byte[0], 256)));
        assertThat(base31).hasSizeLessThan(keys.length / 4);
        // 65,536 random 32-bit values collide about 0.5 times on average; allow a few
        assertThat(mixed).hasSizeGreaterThan(keys.length - 5);
    }

    @Test
    void equalBytesAreEqualKeysWithEqualHashes() {
        byte[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ByteKey k = new ByteKey(a);
        ByteKey same = new ByteKey(a.clone());
        assertThat(k).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(k).isNotEqualTo(new ByteKey(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 10}));
        assertThat(new ByteKey(new byte[0])).isEqualTo(new ByteKey(new byte[0]));
        // a trailing zero byte changes the length, hence the hash input
        assertThat(ByteKey.hash(new byte[] {1})).isNotEqualTo(ByteKey.hash(new byte[] {1, 0}));
    }
}
