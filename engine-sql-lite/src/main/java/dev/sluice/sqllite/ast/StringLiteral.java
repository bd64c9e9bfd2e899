package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A character string literal; escapes are already resolved and adjacent literals
 * ({@code 'a' 'b'}) already concatenated. Immutable.
 *
 * @param value the string value; never null
 */
public record StringLiteral(String value) implements Expr {

  /** Checks that the value is present. */
  public StringLiteral {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return SqlText.quotedString(value);
  }
}
