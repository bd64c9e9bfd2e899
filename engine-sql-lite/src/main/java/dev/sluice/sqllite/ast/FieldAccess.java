package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * Access to a struct field of a computed value, e.g. {@code (expr).field}, {@code f(x).field} or
 * {@code a[0].field}. A plain dotted name such as {@code a.b.c} is a {@link ColumnRef} instead.
 * Immutable.
 *
 * @param base the struct-valued expression; never null
 * @param field the field name with quotes removed; never null
 */
public record FieldAccess(Expr base, String field) implements Expr {

  /** Checks that both parts are present. */
  public FieldAccess {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(field, "field");
  }

  @Override
  public String toString() {
    return PostfixBase.forFieldAccess(base) + "." + SqlText.identifier(field);
  }
}
