package dev.sluice.exec.tws;

import dev.sluice.sql.Encoder;
import dev.sluice.sql.streaming.ListState;
import java.util.Iterator;
import java.util.List;

/** {@link ListState} over one {@link TwsStore} entry per grouping key ({@link TwsLayout}). One thread. */
final class ListStateImpl<S> extends StateVariable.Of<S> implements ListState<S> {
    private static final long serialVersionUID = 1L;

    ListStateImpl(TwsHandle handle, String name, Encoder<S> encoder, long ttlMs) {
        super(handle, name, encoder, ttlMs);
    }

    @Override
    boolean pairs() {
        return false;
    }

    @Override
    public boolean exists() {
        return !live(key("exists")).isEmpty();
    }

    @Override
    public Iterator<S> get() {
        return firsts(live(key("get")), encoder, bytes);
    }

    @Override
    public void put(S[] newState) {
        byte[] key = key("put");
        checkNotNull(newState);
        if (newState.length == 0) {
            throw TwsErrors.emptyList(name);
        }
        write(key, append(new java.util.ArrayList<>(), newState));
    }

    @Override
    public void appendValue(S newState) {
        byte[] key = key("appendValue");
        List<TwsLayout.Element> elements = live(key);
        elements.add(element(newState));
        write(key, elements);
    }

    @Override
    public void appendList(S[] newState) {
        byte[] key = key("appendList");
        checkNotNull(newState);
        if (newState.length == 0) {
            throw TwsErrors.emptyList(name);
        }
        write(key, append(live(key), newState));
    }

    private List<TwsLayout.Element> append(List<TwsLayout.Element> elements, S[] values) {
        for (S value : values) {
            elements.add(element(value));
        }
        return elements;
    }

    private TwsLayout.Element element(S value) {
        return new TwsLayout.Element(expiry(), encode(encoder, bytes, checkNotNull(value)), null);
    }

    @Override
    public void clear() {
        remove(key("clear"));
    }
}
