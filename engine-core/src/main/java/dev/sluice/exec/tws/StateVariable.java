package dev.sluice.exec.tws;

import dev.sluice.exec.RowBytes;
import dev.sluice.sql.Encoder;
import dev.sluice.sql.Row;
import dev.sluice.state.KeyValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The common part of a state variable of {@code transformWithState}: its key space ({@link TwsLayout#prefix}),
 * its TTL, and the implicit grouping key of the running call, reached through the {@link TwsHandle} that
 * created it. Used by the query's thread only.
 */
abstract class StateVariable {
    final TwsHandle handle;
    final String name;
    final byte[] prefix;
    /** The time to live of each value in ms, or 0 for none. */
    final long ttlMs;

    StateVariable(TwsHandle handle, String name, long ttlMs) {
        this.handle = handle;
        this.name = name;
        this.prefix = TwsLayout.prefix(name);
        this.ttlMs = ttlMs;
    }

    /** A variable of values of one encoder (a value or list state). */
    abstract static class Of<S> extends StateVariable {
        final Encoder<S> encoder;
        final RowBytes bytes;

        Of(TwsHandle handle, String name, Encoder<S> encoder, long ttlMs) {
            super(handle, name, ttlMs);
            this.encoder = encoder;
            this.bytes = new RowBytes(encoder.schema());
        }
    }

    /** Whether list and map entries hold two rows per element (maps). */
    abstract boolean pairs();

    /**
     * The store key of the current grouping key.
     *
     * @throws dev.sluice.sql.SluiceException when no key is being handled (in {@code init} or {@code close})
     */
    final byte[] key(String operation) {
        byte[] groupingKey = handle.currentKey();
        if (groupingKey == null) {
            throw TwsErrors.invalidHandleState(name + "." + operation, handle.phase());
        }
        return TwsLayout.key(prefix, groupingKey);
    }

    final TwsStore store() {
        return handle.store();
    }

    final long now() {
        return handle.batchTimestampMs();
    }

    /** The expiry of a value written now. */
    final long expiry() {
        return ttlMs > 0 ? now() + ttlMs : TwsLayout.NO_EXPIRY;
    }

    final <T> T checkNotNull(T value) {
        if (value == null) {
            throw TwsErrors.nullValue(name);
        }
        return value;
    }

    /** The unexpired elements of a list or map entry (empty when absent). */
    final List<TwsLayout.Element> live(byte[] key) {
        byte[] bytes = store().get(key);
        List<TwsLayout.Element> out = new ArrayList<>();
        if (bytes != null) {
            for (TwsLayout.Element e : TwsLayout.decodeElements(bytes, pairs())) {
                if (!e.expired(now())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Writes a list or map entry, or removes it when empty. */
    final void write(byte[] key, List<TwsLayout.Element> elements) {
        if (elements.isEmpty()) {
            remove(key);
        } else {
            put(key, TwsLayout.encodeElements(elements, pairs()));
        }
    }

    /** Writes an entry, counted as an updated state row. */
    final void put(byte[] key, byte[] value) {
        handle.countRows(rows(value) - rows(store().get(key)));
        store().put(key, value);
        handle.countUpdate();
    }

    /** Removes an entry, counted as a removed state row. */
    final void remove(byte[] key) {
        handle.countRows(-rows(store().get(key)));
        store().remove(key);
        handle.countRemoval();
    }

    /** The state rows an entry of this variable counts as, as Spark counts them: a map's entries, else 1. */
    final long rows(byte[] entry) {
        return TwsLayout.rows(entry, pairs());
    }

    /** Removes this variable's expired values of every grouping key (the end-of-batch TTL pass); returns how many. */
    long removeExpired() {
        List<KeyValue> entries = new ArrayList<>();
        store().prefixScan(prefix).forEachRemaining(entries::add);
        long removed = 0;
        for (KeyValue kv : entries) {
            List<TwsLayout.Element> all = TwsLayout.decodeElements(kv.value(), pairs());
            List<TwsLayout.Element> kept = new ArrayList<>(all.size());
            for (TwsLayout.Element e : all) {
                if (!e.expired(now())) {
                    kept.add(e);
                }
            }
            if (kept.size() < all.size()) {
                removed += all.size() - kept.size();
                write(kv.key(), kept);
            }
        }
        return removed;
    }

    static <T> byte[] encode(Encoder<T> encoder, RowBytes bytes, T value) {
        return bytes.encode(encoder.toRow(value));
    }

    static <T> T decode(Encoder<T> encoder, RowBytes bytes, byte[] value) {
        Row row = bytes.decode(value);
        return encoder.fromRow(row);
    }

    /** The decoded first rows of {@code elements}. */
    static <T> Iterator<T> firsts(List<TwsLayout.Element> elements, Encoder<T> encoder, RowBytes bytes) {
        List<T> out = new ArrayList<>(elements.size());
        for (TwsLayout.Element e : elements) {
            out.add(decode(encoder, bytes, e.first()));
        }
        return out.iterator();
    }
}
