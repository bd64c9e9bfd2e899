package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A type conversion: {@code CAST(x AS int)}, {@code TRY_CAST(x AS int)} or the shorthand
 * {@code x::int}. Immutable.
 *
 * @param child the converted expression; never null
 * @param type the target type; never null
 * @param tryCast whether this is {@code TRY_CAST}, which yields NULL instead of failing
 */
public record Cast(Expr child, TypeSpec type, boolean tryCast) implements Expr {

  /** Checks that both parts are present. */
  public Cast {
    Objects.requireNonNull(child, "child");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return (tryCast ? "TRY_CAST(" : "CAST(") + child + " AS " + type + ")";
  }
}
