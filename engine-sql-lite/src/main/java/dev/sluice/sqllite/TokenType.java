package dev.sluice.sqllite;

/** The lexical category of a {@link Token}; punctuation types carry their symbol. */
enum TokenType {
  /** An unquoted word: a keyword or a name. */
  IDENTIFIER(null),
  /** A backquoted name such as {@code `my col`}. */
  QUOTED_IDENTIFIER(null),
  /** A single- or double-quoted string; the token value has escapes resolved. */
  STRING(null),
  /** A numeric literal, possibly with a type suffix such as {@code L} or {@code BD}. */
  NUMBER(null),
  NULL_SAFE_EQUAL("<=>"),
  LESS_THAN_OR_EQUAL("<="),
  NOT_EQUAL_ANGLE("<>"),
  LESS_THAN("<"),
  GREATER_THAN_OR_EQUAL(">="),
  GREATER_THAN(">"),
  DOUBLE_EQUAL("=="),
  FAT_ARROW("=>"),
  EQUAL("="),
  NOT_EQUAL_BANG("!="),
  BANG("!"),
  CONCAT("||"),
  PIPE("|"),
  DOUBLE_COLON("::"),
  COLON(":"),
  ARROW("->"),
  MINUS("-"),
  PLUS("+"),
  STAR("*"),
  SLASH("/"),
  PERCENT("%"),
  TILDE("~"),
  AMPERSAND("&"),
  CARET("^"),
  LEFT_PAREN("("),
  RIGHT_PAREN(")"),
  LEFT_BRACKET("["),
  RIGHT_BRACKET("]"),
  COMMA(","),
  DOT("."),
  SEMICOLON(";"),
  /** A positional parameter marker; the token value is the marker's character offset in the text. */
  QUESTION("?"),
  END_OF_INPUT(null);

  private final String symbol;

  TokenType(String symbol) {
    this.symbol = symbol;
  }

  /** Returns the punctuation symbol, or null for non-punctuation types. */
  String symbol() {
    return symbol;
  }

  /** Returns how this type is named in "expected ..." messages. */
  String describe() {
    return switch (this) {
      case IDENTIFIER, QUOTED_IDENTIFIER -> "an identifier";
      case STRING -> "a string literal";
      case NUMBER -> "a number";
      case END_OF_INPUT -> "end of input";
      default -> "'" + symbol + "'";
    };
  }
}
