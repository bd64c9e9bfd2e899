package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * Element access {@code base[index]}: an array position ({@code a[0]}) or a map key
 * ({@code m['k']}). Immutable.
 *
 * @param base the array or map; never null
 * @param index the position or key; never null
 */
public record Subscript(Expr base, Expr index) implements Expr {

  /** Checks that both parts are present. */
  public Subscript {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(index, "index");
  }

  @Override
  public String toString() {
    return PostfixBase.forSubscript(base) + "[" + index + "]";
  }
}
