package dev.sluice.sqllite.ast;

/**
 * A parsed SQL expression.
 *
 * <p>Every implementation is an immutable record, so expression trees are thread-safe and may be
 * shared freely. {@link #toString()} renders a normalized SQL text in which every compound
 * expression is fully parenthesized, e.g. {@code a + 1 * 2} renders as {@code (a + (1 * 2))};
 * re-parsing that text yields an equal tree (except for {@link Alias}, which is only accepted at
 * the top level of an expression or select item).
 */
public sealed interface Expr
    permits ColumnRef, Star, IntLiteral, LongLiteral, DoubleLiteral, FloatLiteral, DecimalLiteral,
        StringLiteral, BooleanLiteral, NullLiteral, TimestampLiteral, DateLiteral, IntervalLiteral,
        UnaryOp, BinaryOp, IsNull, In, Between, Like, CaseWhen, Cast, FunctionCall, Subscript,
        FieldAccess, Alias, LambdaFunction, Parameter {

  /** Returns the normalized SQL rendering of this expression. */
  @Override
  String toString();
}
