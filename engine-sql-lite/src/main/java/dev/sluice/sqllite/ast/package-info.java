/**
 * The abstract syntax tree produced by {@link dev.sluice.sqllite.SqlParser}.
 *
 * <p>All node types are records or enums and are deeply immutable (lists are copied with
 * {@link java.util.List#copyOf}), so trees are thread-safe and can be shared and compared with
 * {@code equals}. Fields that may be null are documented as such on each record; everything else
 * is checked to be non-null on construction. The sealed interfaces
 * {@link dev.sluice.sqllite.ast.Expr}, {@link dev.sluice.sqllite.ast.TypeSpec} and
 * {@link dev.sluice.sqllite.ast.Relation} enumerate their implementations.
 *
 * <p>{@code toString()} renders normalized SQL: expressions are fully parenthesized (e.g.
 * {@code (a + (1 * 2))}) and read back as an equal tree; types render as Spark's
 * {@code simpleString} (e.g. {@code struct<a:int,b:array<string>>}).
 */
package dev.sluice.sqllite.ast;
