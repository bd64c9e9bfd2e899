package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The type {@code struct<name:type,...>}, possibly empty ({@code struct<>}). Immutable.
 *
 * @param fields the fields in declaration order
 */
public record StructTypeSpec(List<FieldSpec> fields) implements TypeSpec {

  /** Copies the fields. */
  public StructTypeSpec {
    fields = List.copyOf(fields);
  }

  @Override
  public String toString() {
    return fields.stream().map(FieldSpec::toString).collect(Collectors.joining(",", "struct<", ">"));
  }
}
