package dev.sluice.api.java.function;

import java.io.Serializable;

/**
 * A predicate of {@code Dataset.filter(FilterFunction)}, as Spark's {@code FilterFunction}: the objects for which
 * it returns true are kept. Implementations may be called from several threads at once (one per morsel of input),
 * as Spark calls them from several tasks.
 *
 * @param <T> object type
 */
@FunctionalInterface
public interface FilterFunction<T> extends Serializable {
    boolean call(T value) throws Exception;
}
