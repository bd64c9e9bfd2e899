package dev.sluice.api.java.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The function of {@code Dataset.flatMap}, as Spark's {@code FlatMapFunction}: zero or more results per object.
 * Implementations may be called from several threads at once (one per morsel of input), as Spark calls them from
 * several tasks.
 *
 * @param <T> argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
    Iterator<R> call(T t) throws Exception;
}
