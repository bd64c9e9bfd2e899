package dev.sluice.sqllite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Splits SQL text into {@link Token}s, skipping whitespace, {@code --} line comments and nested
 * {@code /* ... *}{@code /} comments. Single-use and not thread-safe; use {@link #tokenize}.
 */
final class Lexer {

  private static final List<TokenType> PUNCTUATION = Arrays.stream(TokenType.values())
      .filter(type -> type.symbol() != null)
      .sorted(Comparator.comparingInt((TokenType type) -> type.symbol().length()).reversed())
      .toList();

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int position;
  private int line = 1;
  private int lineStart;
  private int positionalMarkers;

  private Lexer(String text) {
    this.text = text;
  }

  /** Returns the tokens of {@code text}, always ending with an {@code END_OF_INPUT} token. */
  static List<Token> tokenize(String text) {
    return new Lexer(text).run();
  }

  private List<Token> run() {
    while (true) {
      skipWhitespaceAndComments();
      if (position >= text.length()) {
        tokens.add(new Token(TokenType.END_OF_INPUT, ParseException.END_OF_INPUT,
            ParseException.END_OF_INPUT, line, column(position)));
        return tokens;
      }
      tokens.add(nextToken());
    }
  }

  private Token nextToken() {
    char current = text.charAt(position);
    char following = charAt(position + 1);
    if (current == '\'' || current == '"') {
      return quoted(TokenType.STRING, position, false);
    }
    if ((current == 'r' || current == 'R') && (following == '\'' || following == '"')) {
      return quoted(TokenType.STRING, position, true);
    }
    if (current == '`') {
      return quoted(TokenType.QUOTED_IDENTIFIER, position, false);
    }
    if (isDigit(current) || (current == '.' && isDigit(following) && !followsOperand())) {
      return numberOrWord();
    }
    if (isWordCharacter(current)) {
      return word(position);
    }
    return punctuation();
  }

  private Token quoted(TokenType type, int start, boolean raw) {
    int quoteIndex = raw ? start + 1 : start;
    char quote = text.charAt(quoteIndex);
    int index = quoteIndex + 1;
    while (index < text.length()) {
      char character = text.charAt(index);
      if (character == quote) {
        boolean doubledBackquote = quote == '`' && charAt(index + 1) == '`';
        if (!doubledBackquote) {
          break;
        }
        index++;
      } else if (character == '\\' && quote != '`') {
        index++;
      }
      index++;
    }
    if (index >= text.length()) {
      throw ParseException.syntaxError(line, column(start), text.substring(start),
          List.of("a closing quote " + quote));
    }
    String body = text.substring(quoteIndex + 1, index);
    String value = switch (type) {
      case QUOTED_IDENTIFIER -> body.replace("``", "`");
      default -> raw ? body : StringEscapes.unescape(body);
    };
    return emit(type, start, index + 1, value);
  }

  private Token numberOrWord() {
    int start = position;
    int index = skipDigits(start);
    boolean integral = true;
    if (charAt(index) == '.') {
      integral = false;
      index = skipDigits(index + 1);
    }
    if ((charAt(index) == 'e' || charAt(index) == 'E') && exponentDigitsAt(index + 1)) {
      integral = false;
      index = skipDigits(index + (isDigit(charAt(index + 1)) ? 1 : 2));
    }
    index += suffixLength(index, integral);
    boolean onlyWordCharacters = text.substring(start, index).chars().allMatch(
        character -> isWordCharacter((char) character));
    if (isWordCharacter(charAt(index)) && onlyWordCharacters) {
      return word(start);
    }
    return emit(TokenType.NUMBER, start, index, text.substring(start, index));
  }

  private int suffixLength(int index, boolean integral) {
    char first = Character.toUpperCase(charAt(index));
    char second = Character.toUpperCase(charAt(index + 1));
    if (first == 'B' && second == 'D' && !isWordCharacter(charAt(index + 2))) {
      return 2;
    }
    boolean anyBodySuffix = first == 'D' || first == 'F';
    boolean integralSuffix = first == 'L' || first == 'S' || first == 'Y';
    if ((anyBodySuffix || (integral && integralSuffix)) && !isWordCharacter(second)) {
      return 1;
    }
    return 0;
  }

  private boolean exponentDigitsAt(int index) {
    char sign = charAt(index);
    return isDigit(sign) || ((sign == '+' || sign == '-') && isDigit(charAt(index + 1)));
  }

  private Token word(int start) {
    int index = start;
    while (isWordCharacter(charAt(index))) {
      index++;
    }
    String word = text.substring(start, index);
    return emit(TokenType.IDENTIFIER, start, index, word);
  }

  private Token punctuation() {
    if (text.charAt(position) == '?') {
      // Spark binds markers in text order and names an unbound one after its offset (`_7`): keep both.
      return emit(TokenType.QUESTION, position, position + 1, position + "," + positionalMarkers++);
    }
    for (TokenType type : PUNCTUATION) {
      if (text.startsWith(type.symbol(), position)) {
        return emit(type, position, position + type.symbol().length(), type.symbol());
      }
    }
    String offending = new String(Character.toChars(text.codePointAt(position)));
    throw ParseException.syntaxError(line, column(position), offending, List.of());
  }

  private Token emit(TokenType type, int start, int end, String value) {
    Token token = new Token(type, text.substring(start, end), value, line, column(start));
    advanceTo(end);
    return token;
  }

  private void skipWhitespaceAndComments() {
    while (position < text.length()) {
      char current = text.charAt(position);
      if (Character.isWhitespace(current)) {
        advanceTo(position + 1);
      } else if (text.startsWith("--", position)) {
        int end = text.indexOf('\n', position);
        advanceTo(end < 0 ? text.length() : end);
      } else if (text.startsWith("/*", position)) {
        skipBracketedComment();
      } else {
        return;
      }
    }
  }

  private void skipBracketedComment() {
    int startLine = line;
    int startColumn = column(position);
    int depth = 0;
    int index = position;
    do {
      if (index >= text.length()) {
        throw new ParseException(ParseException.UNCLOSED_BRACKETED_COMMENT,
            "Found an unclosed bracketed comment. Please, append */ at the end of the comment",
            startLine, startColumn, "/*", List.of("'*/'"));
      }
      if (text.startsWith("/*", index)) {
        depth++;
        index += 2;
      } else if (text.startsWith("*/", index)) {
        depth--;
        index += 2;
      } else {
        index++;
      }
    } while (depth > 0);
    advanceTo(index);
  }

  /** Moves to {@code end}, keeping track of line starts. */
  private void advanceTo(int end) {
    for (int index = position; index < end; index++) {
      if (text.charAt(index) == '\n') {
        line++;
        lineStart = index + 1;
      }
    }
    position = end;
  }

  /** Whether the previous token ends an operand, making a following {@code .5} a field access. */
  private boolean followsOperand() {
    if (tokens.isEmpty()) {
      return false;
    }
    TokenType previous = tokens.get(tokens.size() - 1).type();
    return previous == TokenType.IDENTIFIER || previous == TokenType.QUOTED_IDENTIFIER
        || previous == TokenType.RIGHT_PAREN || previous == TokenType.RIGHT_BRACKET;
  }

  private int skipDigits(int index) {
    int end = index;
    while (isDigit(charAt(end))) {
      end++;
    }
    return end;
  }

  private int column(int index) {
    return index - lineStart + 1;
  }

  private char charAt(int index) {
    return index < text.length() ? text.charAt(index) : '\0';
  }

  private static boolean isDigit(char character) {
    return character >= '0' && character <= '9';
  }

  private static boolean isWordCharacter(char character) {
    return character == '_' || Character.isLetterOrDigit(character);
  }
}
