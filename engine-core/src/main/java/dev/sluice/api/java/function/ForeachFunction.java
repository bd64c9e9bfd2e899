package dev.sluice.api.java.function;

import java.io.Serializable;

/**
 * The function of {@code Dataset.foreach}, as Spark's {@code ForeachFunction}: called once per object.
 * Implementations may be called from several threads at once (one per morsel of input), as Spark calls them from
 * several tasks.
 *
 * @param <T> object type
 */
@FunctionalInterface
public interface ForeachFunction<T> extends Serializable {
    void call(T t) throws Exception;
}
