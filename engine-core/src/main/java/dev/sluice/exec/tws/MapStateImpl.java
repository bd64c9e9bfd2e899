package dev.sluice.exec.tws;

import dev.sluice.exec.RowBytes;
import dev.sluice.sql.Encoder;
import dev.sluice.sql.streaming.MapState;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@link MapState} over one {@link TwsStore} entry per grouping key ({@link TwsLayout}): user keys are
 * compared by their encoded bytes and kept in the order first added. One thread.
 */
final class MapStateImpl<K, V> extends StateVariable implements MapState<K, V> {
    private static final long serialVersionUID = 1L;
    private final transient Encoder<K> keyEncoder;
    private final transient Encoder<V> valueEncoder;
    private final transient RowBytes keyBytes;
    private final transient RowBytes valueBytes;

    MapStateImpl(TwsHandle handle, String name, Encoder<K> keyEncoder, Encoder<V> valueEncoder, long ttlMs) {
        super(handle, name, ttlMs);
        this.keyEncoder = keyEncoder;
        this.valueEncoder = valueEncoder;
        this.keyBytes = new RowBytes(keyEncoder.schema());
        this.valueBytes = new RowBytes(valueEncoder.schema());
    }

    @Override
    boolean pairs() {
        return true;
    }

    private static int indexOf(List<TwsLayout.Element> entries, byte[] userKey) {
        for (int i = 0; i < entries.size(); i++) {
            if (Arrays.equals(entries.get(i).first(), userKey)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean exists() {
        return !live(key("exists")).isEmpty();
    }

    @Override
    public V getValue(K key) {
        List<TwsLayout.Element> entries = live(key("getValue"));
        int i = indexOf(entries, encode(keyEncoder, keyBytes, checkNotNull(key)));
        return i < 0 ? null : decode(valueEncoder, valueBytes, entries.get(i).second());
    }

    @Override
    public boolean containsKey(K key) {
        List<TwsLayout.Element> entries = live(key("containsKey"));
        return indexOf(entries, encode(keyEncoder, keyBytes, checkNotNull(key))) >= 0;
    }

    @Override
    public void updateValue(K key, V value) {
        byte[] storeKey = key("updateValue");
        byte[] userKey = encode(keyEncoder, keyBytes, checkNotNull(key));
        TwsLayout.Element e = new TwsLayout.Element(expiry(), userKey,
                encode(valueEncoder, valueBytes, checkNotNull(value)));
        List<TwsLayout.Element> entries = live(storeKey);
        int i = indexOf(entries, userKey);
        if (i < 0) {
            entries.add(e);
        } else {
            entries.set(i, e);
        }
        write(storeKey, entries);
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        List<Map.Entry<K, V>> out = new ArrayList<>();
        for (TwsLayout.Element e : live(key("iterator"))) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(decode(keyEncoder, keyBytes, e.first()),
                    decode(valueEncoder, valueBytes, e.second())));
        }
        return out.iterator();
    }

    @Override
    public Iterator<K> keys() {
        return firsts(live(key("keys")), keyEncoder, keyBytes);
    }

    @Override
    public Iterator<V> values() {
        List<V> out = new ArrayList<>();
        for (TwsLayout.Element e : live(key("values"))) {
            out.add(decode(valueEncoder, valueBytes, e.second()));
        }
        return out.iterator();
    }

    @Override
    public void removeKey(K key) {
        byte[] storeKey = key("removeKey");
        List<TwsLayout.Element> entries = live(storeKey);
        int i = indexOf(entries, encode(keyEncoder, keyBytes, checkNotNull(key)));
        if (i >= 0) {
            entries.remove(i);
            write(storeKey, entries);
        }
    }

    @Override
    public void clear() {
        remove(key("clear"));
    }
}
