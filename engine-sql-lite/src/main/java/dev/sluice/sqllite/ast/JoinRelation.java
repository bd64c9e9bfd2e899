package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.Objects;

/**
 * Two relations joined, e.g. {@code a LEFT JOIN b ON a.id = b.id} or {@code a JOIN b USING (id)}.
 * Immutable.
 *
 * @param left the left input; never null
 * @param right the right input; never null
 * @param type the kind of join; never null
 * @param condition the {@code ON} condition; null when absent
 * @param usingColumns the {@code USING} column names; empty when absent
 */
public record JoinRelation(
    Relation left, Relation right, JoinType type, Expr condition, List<String> usingColumns)
    implements Relation {

  /** Copies the using columns and checks that the required parts are present. */
  public JoinRelation {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(type, "type");
    usingColumns = List.copyOf(usingColumns);
  }

  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder()
        .append(left).append(' ').append(type.sql()).append(' ');
    if (right instanceof JoinRelation) {
      builder.append('(').append(right).append(')');
    } else {
      builder.append(right);
    }
    if (condition != null) {
      builder.append(" ON ").append(condition);
    }
    if (!usingColumns.isEmpty()) {
      List<String> quoted = usingColumns.stream().map(SqlText::identifier).toList();
      builder.append(" USING (").append(String.join(", ", quoted)).append(')');
    }
    return builder.toString();
  }
}
