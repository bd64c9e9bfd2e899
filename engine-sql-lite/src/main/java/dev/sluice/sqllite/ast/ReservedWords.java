package dev.sluice.sqllite.ast;

import java.util.Locale;
import java.util.Set;

/**
 * The keywords that can never be used as an unquoted column, table or alias name because they
 * delimit clauses or operators (everything else, e.g. {@code end}, {@code window}, {@code date},
 * may be used as a name).
 *
 * <p>Stateless and thread-safe. Shared by the parser and the SQL renderers so that rendered names
 * are quoted exactly when the parser requires it.
 */
public final class ReservedWords {

  private static final Set<String> RESERVED = Set.of(
      "SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "INTERSECT",
      "EXCEPT", "JOIN", "ON", "USING", "AND", "OR", "WHEN", "THEN", "ELSE", "AS", "IS", "IN",
      "BETWEEN", "LIKE", "ILIKE", "RLIKE", "REGEXP", "BY", "DISTINCT");

  private ReservedWords() {
  }

  /** Returns whether {@code word} (any case) is reserved. */
  public static boolean isReserved(String word) {
    return RESERVED.contains(word.toUpperCase(Locale.ROOT));
  }
}
