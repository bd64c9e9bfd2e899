package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.Objects;

/**
 * The predicate {@code value [NOT] IN (e1, e2, ...)}. Immutable.
 *
 * @param value the tested expression; never null
 * @param list the candidate values; never empty
 * @param negated whether this is {@code NOT IN}
 */
public record In(Expr value, List<Expr> list, boolean negated) implements Expr {

  /** Copies the list and checks that it is not empty. */
  public In {
    Objects.requireNonNull(value, "value");
    list = List.copyOf(list);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("IN needs at least one value");
    }
  }

  @Override
  public String toString() {
    return "(" + value + (negated ? " NOT IN (" : " IN (") + SqlText.commaSeparated(list) + "))";
  }
}
