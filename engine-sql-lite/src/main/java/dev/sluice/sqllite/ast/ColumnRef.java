package dev.sluice.sqllite.ast;

import java.util.List;

/**
 * A reference to a column or nested field by name, e.g. {@code a}, {@code window.start} or
 * {@code `my col`.x}. Immutable.
 *
 * @param nameParts the dot-separated name parts with quotes removed; never empty
 */
public record ColumnRef(List<String> nameParts) implements Expr {

  /** Copies the name parts and checks that there is at least one. */
  public ColumnRef {
    nameParts = List.copyOf(nameParts);
    if (nameParts.isEmpty()) {
      throw new IllegalArgumentException("a column reference needs at least one name part");
    }
  }

  /** Creates a reference from its name parts. */
  public static ColumnRef of(String... nameParts) {
    return new ColumnRef(List.of(nameParts));
  }

  @Override
  public String toString() {
    return SqlText.multipartIdentifier(nameParts);
  }
}
