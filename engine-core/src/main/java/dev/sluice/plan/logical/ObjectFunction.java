package dev.sluice.plan.logical;

import dev.sluice.sql.Row;
import java.util.Iterator;

/**
 * The user function of a typed operation ({@code Dataset.map}, {@code flatMap}, {@code mapPartitions},
 * {@code foreachPartition}) seen through its encoders, internal API: it reads the rows of one morsel (external
 * rows of the deserializer's columns) and returns the output rows (external rows of the output encoder's
 * schema). Called from several threads at once, one morsel each.
 */
@FunctionalInterface
public interface ObjectFunction {
    Iterator<Row> apply(Iterator<Row> rows) throws Exception;
}
