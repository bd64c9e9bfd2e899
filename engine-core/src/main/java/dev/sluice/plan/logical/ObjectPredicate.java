package dev.sluice.plan.logical;

import dev.sluice.sql.Row;

/**
 * The user predicate of {@code Dataset.filter(FilterFunction)} seen through its encoder, internal API: tests one
 * external row of the deserializer's columns. Called from several threads at once.
 */
@FunctionalInterface
public interface ObjectPredicate {
    boolean test(Row row) throws Exception;
}
