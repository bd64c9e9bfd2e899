package dev.sluice.sqllite.ast;

/**
 * Where NULLs sort in a {@link SortItem}. {@link #DEFAULT} means no {@code NULLS} clause was
 * written; Spark then puts NULLs first for ascending and last for descending order. Immutable.
 */
public enum NullOrdering {
  NULLS_FIRST,
  NULLS_LAST,
  DEFAULT
}
