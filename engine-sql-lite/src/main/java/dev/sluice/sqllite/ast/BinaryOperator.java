package dev.sluice.sqllite.ast;

/** An infix operator of a {@link BinaryOp}, with its SQL symbol. Immutable. */
public enum BinaryOperator {
  ADD("+"),
  SUBTRACT("-"),
  MULTIPLY("*"),
  DIVIDE("/"),
  REMAINDER("%"),
  /** Integral division, {@code a div b}. */
  INTEGER_DIVIDE("div"),
  /** String concatenation, {@code a || b}. */
  CONCAT("||"),
  /** Equality, written {@code =} or {@code ==}. */
  EQUAL("="),
  /** Null-safe equality {@code <=>}. */
  NULL_SAFE_EQUAL("<=>"),
  /** Inequality, written {@code !=} or {@code <>}. */
  NOT_EQUAL("!="),
  LESS_THAN("<"),
  LESS_THAN_OR_EQUAL("<="),
  GREATER_THAN(">"),
  GREATER_THAN_OR_EQUAL(">="),
  AND("AND"),
  OR("OR"),
  BITWISE_AND("&"),
  BITWISE_OR("|"),
  BITWISE_XOR("^");

  private final String symbol;

  BinaryOperator(String symbol) {
    this.symbol = symbol;
  }

  /** Returns the canonical SQL spelling of the operator. */
  public String symbol() {
    return symbol;
  }
}
