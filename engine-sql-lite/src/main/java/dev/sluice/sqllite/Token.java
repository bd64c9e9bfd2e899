package dev.sluice.sqllite;

import java.util.Locale;

/**
 * One lexical token. Immutable.
 *
 * @param type the category
 * @param text the source text of the token ({@code "<EOF>"} for the end marker)
 * @param value the processed value: the unquoted name, the unescaped string, else the text
 * @param line the 1-based line where the token starts
 * @param column the 1-based column where the token starts
 */
record Token(TokenType type, String text, String value, int line, int column) {

  /** Returns whether this is the unquoted keyword {@code keyword} (given in upper case). */
  boolean isKeyword(String keyword) {
    return type == TokenType.IDENTIFIER && text.equalsIgnoreCase(keyword);
  }

  /** Returns whether this token is a name, quoted or not. */
  boolean isIdentifier() {
    return type == TokenType.IDENTIFIER || type == TokenType.QUOTED_IDENTIFIER;
  }

  /** Returns the upper-cased text of an unquoted word, or null for any other token. */
  String keyword() {
    return type == TokenType.IDENTIFIER ? text.toUpperCase(Locale.ROOT) : null;
  }
}
