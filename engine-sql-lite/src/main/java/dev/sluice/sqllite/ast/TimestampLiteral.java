package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A typed literal {@code TIMESTAMP '2022-05-09 10:00:00'}. The text is kept verbatim; it is
 * interpreted (and validated) by whoever evaluates it. Immutable.
 *
 * @param text the text between the quotes; never null
 */
public record TimestampLiteral(String text) implements Expr {

  /** Checks that the text is present. */
  public TimestampLiteral {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return "TIMESTAMP " + SqlText.quotedString(text);
  }
}
