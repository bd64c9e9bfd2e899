package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A prefix operator applied to one operand, e.g. {@code -a}, {@code NOT b}, {@code ~c}. A minus
 * sign directly in front of a numeric literal is folded into the literal instead (as Spark does),
 * so {@code -1} is an {@link IntLiteral}. Immutable.
 *
 * @param op the operator; never null
 * @param operand the operand; never null
 */
public record UnaryOp(UnaryOperator op, Expr operand) implements Expr {

  /** Checks that both parts are present. */
  public UnaryOp {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(operand, "operand");
  }

  @Override
  public String toString() {
    String renderedOperand = operand.toString();
    boolean startsWithDigit = !renderedOperand.isEmpty()
        && Character.isDigit(renderedOperand.charAt(0));
    if (op == UnaryOperator.NEGATE && startsWithDigit) {
      // Keeps "-(5)" from being read back as the literal -5.
      renderedOperand = "(" + renderedOperand + ")";
    }
    return "(" + op.symbol() + " " + renderedOperand + ")";
  }
}
