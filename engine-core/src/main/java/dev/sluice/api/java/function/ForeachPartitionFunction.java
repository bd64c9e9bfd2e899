package dev.sluice.api.java.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The function of {@code Dataset.foreachPartition}, as Spark's {@code ForeachPartitionFunction}: called once per
 * partition (in Sluice, once per morsel of input rows). Implementations may be called from several threads at once
 * (one per morsel of input), as Spark calls them from several tasks.
 *
 * @param <T> object type
 */
@FunctionalInterface
public interface ForeachPartitionFunction<T> extends Serializable {
    void call(Iterator<T> t) throws Exception;
}
