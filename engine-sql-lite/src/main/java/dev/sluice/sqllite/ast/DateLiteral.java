package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A typed literal {@code DATE '2022-05-09'}. The text is kept verbatim; it is interpreted (and
 * validated) by whoever evaluates it. Immutable.
 *
 * @param text the text between the quotes; never null
 */
public record DateLiteral(String text) implements Expr {

  /** Checks that the text is present. */
  public DateLiteral {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return "DATE " + SqlText.quotedString(text);
  }
}
