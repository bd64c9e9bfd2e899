package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * The type {@code array<element>}. Immutable.
 *
 * @param element the element type; never null
 */
public record ArrayTypeSpec(TypeSpec element) implements TypeSpec {

  /** Checks that the element type is present. */
  public ArrayTypeSpec {
    Objects.requireNonNull(element, "element");
  }

  @Override
  public String toString() {
    return "array<" + element + ">";
  }
}
