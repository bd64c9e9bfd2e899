package dev.sluice.exec.tws;

import dev.sluice.sql.Encoder;
import dev.sluice.sql.streaming.ValueState;
import dev.sluice.state.KeyValue;
import java.util.ArrayList;
import java.util.List;

/** {@link ValueState} over a {@link TwsStore} entry per grouping key ({@link TwsLayout}). One thread. */
final class ValueStateImpl<S> extends StateVariable.Of<S> implements ValueState<S> {
    private static final long serialVersionUID = 1L;

    ValueStateImpl(TwsHandle handle, String name, Encoder<S> encoder, long ttlMs) {
        super(handle, name, encoder, ttlMs);
    }

    @Override
    boolean pairs() {
        return false;
    }

    private TwsLayout.Element live(String operation) {
        byte[] stored = store().get(key(operation));
        if (stored == null) {
            return null;
        }
        TwsLayout.Element e = TwsLayout.decodeValue(stored);
        return e.expired(now()) ? null : e;
    }

    @Override
    public boolean exists() {
        return live("exists") != null;
    }

    @Override
    public S get() {
        TwsLayout.Element e = live("get");
        return e == null ? null : decode(encoder, bytes, e.first());
    }

    @Override
    public void update(S newState) {
        byte[] key = key("update");
        byte[] row = encode(encoder, bytes, checkNotNull(newState));
        put(key, TwsLayout.encodeValue(new TwsLayout.Element(expiry(), row, null)));
    }

    @Override
    public void clear() {
        remove(key("clear"));
    }

    @Override
    long removeExpired() {
        List<KeyValue> entries = new ArrayList<>();
        store().prefixScan(prefix).forEachRemaining(entries::add);
        long removed = 0;
        for (KeyValue kv : entries) {
            if (TwsLayout.decodeValue(kv.value()).expired(now())) {
                remove(kv.key());
                removed++;
            }
        }
        return removed;
    }
}
