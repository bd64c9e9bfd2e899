package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * The type {@code map<key,value>}. Immutable.
 *
 * @param key the key type; never null
 * @param value the value type; never null
 */
public record MapTypeSpec(TypeSpec key, TypeSpec value) implements TypeSpec {

  /** Checks that both types are present. */
  public MapTypeSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "map<" + key + "," + value + ">";
  }
}
