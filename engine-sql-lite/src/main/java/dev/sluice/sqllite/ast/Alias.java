package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.Objects;

/**
 * A named expression: {@code expr AS x}, the bare form {@code expr x}, or the multi-alias
 * {@code expr AS (a, b)} for generators. Immutable.
 *
 * @param child the aliased expression; never null
 * @param names the alias names with quotes removed; never empty
 */
public record Alias(Expr child, List<String> names) implements Expr {

  /** Copies the names and checks that there is at least one. */
  public Alias {
    Objects.requireNonNull(child, "child");
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("an alias needs at least one name");
    }
  }

  /** Creates an alias with a single name. */
  public static Alias of(Expr child, String name) {
    return new Alias(child, List.of(name));
  }

  @Override
  public String toString() {
    if (names.size() == 1) {
      return child + " AS " + SqlText.identifier(names.get(0));
    }
    List<String> quoted = names.stream().map(SqlText::identifier).toList();
    return child + " AS (" + String.join(", ", quoted) + ")";
  }
}
