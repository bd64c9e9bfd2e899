package dev.sluice.sql.streaming;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A list of values per grouping key, kept across batches, as Spark's {@code ListState}. Same access rules
 * as {@link ValueState}: obtained in {@code init}, used for the key of the running call. Elements keep the
 * order they were added in; with a TTL each element expires on its own. Used by the query's thread only.
 *
 * @param <S> the element type
 */
public interface ListState<S> extends Serializable {
    /** Whether the key has at least one (unexpired) element. */
    boolean exists();

    /** The key's elements, oldest first; empty when it has none. */
    Iterator<S> get();

    /** Replaces the key's list with {@code newState}. */
    void put(S[] newState);

    /** Appends one element. */
    void appendValue(S newState);

    /** Appends every element of {@code newState}. */
    void appendList(S[] newState);

    /** Removes the key's list. */
    void clear();
}
