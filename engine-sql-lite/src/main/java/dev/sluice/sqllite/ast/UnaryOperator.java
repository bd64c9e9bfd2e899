package dev.sluice.sqllite.ast;

/** A prefix operator of a {@link UnaryOp}, with its SQL symbol. Immutable. */
public enum UnaryOperator {
  NEGATE("-"),
  PLUS("+"),
  NOT("NOT"),
  BITWISE_NOT("~");

  private final String symbol;

  UnaryOperator(String symbol) {
    this.symbol = symbol;
  }

  /** Returns the operator as written in SQL. */
  public String symbol() {
    return symbol;
  }
}
