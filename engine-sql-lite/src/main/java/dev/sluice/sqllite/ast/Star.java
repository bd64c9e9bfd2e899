package dev.sluice.sqllite.ast;

import java.util.List;

/**
 * The {@code *} wildcard, optionally qualified as in {@code t.*}; also the argument of
 * {@code count(*)}. Immutable.
 *
 * @param qualifier the name parts before {@code .*}; empty for a bare {@code *}
 */
public record Star(List<String> qualifier) implements Expr {

  /** Copies the qualifier. */
  public Star {
    qualifier = List.copyOf(qualifier);
  }

  @Override
  public String toString() {
    return qualifier.isEmpty() ? "*" : SqlText.multipartIdentifier(qualifier) + ".*";
  }
}
