package dev.sluice.sqllite.ast;

/** The literal {@code NULL}. Immutable; all instances are equal. */
public record NullLiteral() implements Expr {

  @Override
  public String toString() {
    return "NULL";
  }
}
