package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A parameterless data type such as {@code int} or {@code string}. Immutable.
 *
 * @param kind which type; never null
 */
public record PrimitiveTypeSpec(PrimitiveKind kind) implements TypeSpec {

  /** Checks that the kind is present. */
  public PrimitiveTypeSpec {
    Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String toString() {
    return kind.simpleString();
  }
}
