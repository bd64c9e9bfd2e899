package dev.sluice.expr;

import dev.sluice.sql.types.Metadata;

/** An expression that defines an output column: an {@link AttributeReference} or an {@link Alias}. */
public interface NamedExpression {
    /** The column name. */
    String name();

    /** The unique id of the column this defines. */
    long exprId();

    /** The column as seen by parent operators. */
    AttributeReference toAttribute();

    /** The metadata of the column this defines (Spark's {@code NamedExpression.metadata}). */
    Metadata metadata();
}
