package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * An infix operator applied to two operands, e.g. {@code a + 1} or {@code x AND y}. Immutable.
 *
 * @param op the operator; never null
 * @param left the left operand; never null
 * @param right the right operand; never null
 */
public record BinaryOp(BinaryOperator op, Expr left, Expr right) implements Expr {

  /** Checks that all parts are present. */
  public BinaryOp {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
  }

  @Override
  public String toString() {
    return "(" + left + " " + op.symbol() + " " + right + ")";
  }
}
