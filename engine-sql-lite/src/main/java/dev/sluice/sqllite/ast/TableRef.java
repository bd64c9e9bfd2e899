package dev.sluice.sqllite.ast;

import java.util.List;

/**
 * A named table or view, e.g. {@code db.events AS e}. Immutable.
 *
 * @param name the name parts with quotes removed; never empty
 * @param alias the alias; null when absent
 */
public record TableRef(List<String> name, String alias) implements Relation {

  /** Copies the name and checks that it is not empty. */
  public TableRef {
    name = List.copyOf(name);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a table name needs at least one part");
    }
  }

  @Override
  public String toString() {
    return SqlText.multipartIdentifier(name) + Aliases.suffix(alias);
  }
}
