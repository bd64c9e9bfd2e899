package dev.sluice.exec.tws;

import dev.sluice.state.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link TwsStore} in memory, for a batch query's one run of a processor (nothing is kept afterwards), as
 * Spark runs {@code transformWithState} on a batch Dataset over a temporary store. One thread.
 */
public final class MapTwsStore implements TwsStore {
    private final TreeMap<ByteBuffer, byte[]> entries = new TreeMap<>();

    @Override
    public byte[] get(byte[] key) {
        return entries.get(ByteBuffer.wrap(key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        entries.put(ByteBuffer.wrap(key), value);
    }

    @Override
    public void remove(byte[] key) {
        entries.remove(ByteBuffer.wrap(key));
    }

    @Override
    public Iterator<KeyValue> prefixScan(byte[] prefix) {
        List<KeyValue> out = new ArrayList<>();
        for (Map.Entry<ByteBuffer, byte[]> e : entries.tailMap(ByteBuffer.wrap(prefix), true).entrySet()) {
            byte[] key = new byte[e.getKey().remaining()];
            e.getKey().duplicate().get(key);
            if (!ByteBuffer.wrap(key, 0, Math.min(prefix.length, key.length)).equals(ByteBuffer.wrap(prefix))) {
                break;
            }
            out.add(new KeyValue(key, e.getValue()));
        }
        return out.iterator();
    }
}
