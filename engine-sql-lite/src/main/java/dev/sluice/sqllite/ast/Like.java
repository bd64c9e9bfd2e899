package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A pattern-matching predicate: {@code value [NOT] LIKE pattern [ESCAPE 'c']}, {@code ILIKE} or
 * {@code RLIKE}/{@code REGEXP}. Immutable.
 *
 * @param value the tested expression; never null
 * @param pattern the pattern; never null
 * @param kind the kind of pattern; never null
 * @param negated whether the predicate is preceded by {@code NOT}
 * @param escape the escape character from an {@code ESCAPE} clause; null when absent (Spark then
 *     uses {@code '\'})
 */
public record Like(Expr value, Expr pattern, LikeKind kind, boolean negated, Character escape)
    implements Expr {

  /** Checks that the required parts are present. */
  public Like {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String toString() {
    String escapeClause = escape == null ? "" : " ESCAPE " + SqlText.quotedString(escape.toString());
    return "(" + value + (negated ? " NOT " : " ") + kind + " " + pattern + escapeClause + ")";
  }
}
