package dev.sluice.sqllite.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * The contents of an {@code OVER (...)} clause. Immutable.
 *
 * @param partitionBy the {@code PARTITION BY} expressions; empty when absent
 * @param orderBy the {@code ORDER BY} keys; empty when absent
 * @param frame the frame clause; null when absent
 */
public record WindowSpec(List<Expr> partitionBy, List<SortItem> orderBy, FrameSpec frame) {

  /** Copies the lists. */
  public WindowSpec {
    partitionBy = List.copyOf(partitionBy);
    orderBy = List.copyOf(orderBy);
  }

  /** Renders the clauses without the surrounding parentheses; empty for an empty window. */
  @Override
  public String toString() {
    List<String> clauses = new ArrayList<>();
    if (!partitionBy.isEmpty()) {
      clauses.add("PARTITION BY " + SqlText.commaSeparated(partitionBy));
    }
    if (!orderBy.isEmpty()) {
      clauses.add("ORDER BY " + SqlText.commaSeparated(orderBy));
    }
    if (frame != null) {
      clauses.add(frame.toString());
    }
    return String.join(" ", clauses);
  }
}
