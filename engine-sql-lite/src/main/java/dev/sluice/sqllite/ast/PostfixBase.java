package dev.sluice.sqllite.ast;

/**
 * Renders the base of a postfix operator ({@code [i]}, {@code .f}) so that the text reads back as
 * the same tree. Stateless.
 */
final class PostfixBase {

  private PostfixBase() {
  }

  /** Renders the base of {@code base[i]}; only an alias needs parentheses there. */
  static String forSubscript(Expr base) {
    return base instanceof Alias ? parenthesized(base) : base.toString();
  }

  /**
   * Renders the base of {@code base.f}; a column reference must be parenthesized so that
   * {@code (a).f} does not read back as the column {@code a.f}.
   */
  static String forFieldAccess(Expr base) {
    boolean selfDelimited = base instanceof FunctionCall || base instanceof Subscript
        || base instanceof FieldAccess || base instanceof Cast || base instanceof CaseWhen;
    return selfDelimited ? base.toString() : parenthesized(base);
  }

  private static String parenthesized(Expr base) {
    return "(" + base + ")";
  }
}
