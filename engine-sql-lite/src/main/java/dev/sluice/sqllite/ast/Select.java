package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.Objects;

/**
 * A {@code SELECT} statement. Immutable.
 *
 * @param distinct whether {@code SELECT DISTINCT} was written
 * @param projections the select list (items may be {@link Alias} or {@link Star}); never empty
 * @param from the {@code FROM} relation; null when absent
 * @param where the {@code WHERE} condition; null when absent
 * @param groupBy the {@code GROUP BY} expressions (ordinals stay {@link IntLiteral}s); empty when
 *     absent
 * @param groupingSets the grouping sets of {@code GROUPING SETS}, {@code ROLLUP}, {@code CUBE} or {@code WITH
 *     ROLLUP/CUBE} (each a list of {@code groupBy} expressions), expanded as Spark does; null for a plain
 *     {@code GROUP BY}
 * @param having the {@code HAVING} condition; null when absent
 * @param orderBy the {@code ORDER BY} keys; empty when absent
 * @param limit the {@code LIMIT} expression; null when absent
 */
public record Select(
    boolean distinct,
    List<Expr> projections,
    Relation from,
    Expr where,
    List<Expr> groupBy,
    List<List<Expr>> groupingSets,
    Expr having,
    List<SortItem> orderBy,
    Expr limit) {

  /** Copies the lists and checks that there is at least one projection. */
  public Select {
    projections = List.copyOf(projections);
    groupBy = List.copyOf(groupBy);
    orderBy = List.copyOf(orderBy);
    groupingSets = groupingSets == null ? null : groupingSets.stream().map(List::copyOf).toList();
    if (projections.isEmpty()) {
      throw new IllegalArgumentException("SELECT needs at least one projection");
    }
  }

  /** A {@code SELECT} with a plain {@code GROUP BY}. */
  public Select(boolean distinct, List<Expr> projections, Relation from, Expr where, List<Expr> groupBy,
      Expr having, List<SortItem> orderBy, Expr limit) {
    this(distinct, projections, from, where, groupBy, null, having, orderBy, limit);
  }

  @Override
  public String toString() {
    StringBuilder builder = new StringBuilder("SELECT ");
    if (distinct) {
      builder.append("DISTINCT ");
    }
    builder.append(SqlText.commaSeparated(projections));
    appendClause(builder, " FROM ", from);
    appendClause(builder, " WHERE ", where);
    if (groupingSets != null) {
      builder.append(" GROUP BY GROUPING SETS (");
      for (int i = 0; i < groupingSets.size(); i++) {
        builder.append(i == 0 ? "(" : ", (").append(SqlText.commaSeparated(groupingSets.get(i))).append(')');
      }
      builder.append(')');
    } else if (!groupBy.isEmpty()) {
      builder.append(" GROUP BY ").append(SqlText.commaSeparated(groupBy));
    }
    appendClause(builder, " HAVING ", having);
    if (!orderBy.isEmpty()) {
      builder.append(" ORDER BY ").append(SqlText.commaSeparated(orderBy));
    }
    appendClause(builder, " LIMIT ", limit);
    return builder.toString();
  }

  private static void appendClause(StringBuilder builder, String keyword, Object clause) {
    if (Objects.nonNull(clause)) {
      builder.append(keyword).append(clause);
    }
  }
}
