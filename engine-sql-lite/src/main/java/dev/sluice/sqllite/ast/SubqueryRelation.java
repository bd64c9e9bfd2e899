package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A parenthesized query used as a relation: {@code (SELECT ...) AS s}. Immutable.
 *
 * @param query the inner query; never null
 * @param alias the alias; null when absent (Spark then generates one)
 */
public record SubqueryRelation(Select query, String alias) implements Relation {

  /** Checks that the query is present. */
  public SubqueryRelation {
    Objects.requireNonNull(query, "query");
  }

  @Override
  public String toString() {
    return "(" + query + ")" + Aliases.suffix(alias);
  }
}
