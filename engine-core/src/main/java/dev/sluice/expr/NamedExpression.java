package dev.sluice.expr;

/** An expression that defines an output column: an {@link AttributeReference} or an {@link Alias}. */
public interface NamedExpression {
    /** The column name. */
    String name();

    /** The unique id of the column this defines. */
    long exprId();

    /** The column as seen by parent operators. */
    AttributeReference toAttribute();
}
