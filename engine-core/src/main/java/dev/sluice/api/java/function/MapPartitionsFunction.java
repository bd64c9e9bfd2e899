package dev.sluice.api.java.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The function of {@code Dataset.mapPartitions}, as Spark's {@code MapPartitionsFunction}: called once per
 * partition (in Sluice, once per morsel of input rows) with its objects. Implementations may be called from
 * several threads at once (one per morsel of input), as Spark calls them from several tasks.
 *
 * @param <T> argument type
 * @param <U> result type
 */
@FunctionalInterface
public interface MapPartitionsFunction<T, U> extends Serializable {
    Iterator<U> call(Iterator<T> input) throws Exception;
}
