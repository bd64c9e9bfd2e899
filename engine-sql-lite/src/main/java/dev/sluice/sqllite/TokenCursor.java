package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.ReservedWords;
import java.util.List;
import java.util.Set;

/**
 * A position in a token list plus the helpers every parser shares: look-ahead, keyword and
 * punctuation matching, error construction and the nesting-depth guard. Single-use and not
 * thread-safe.
 */
final class TokenCursor {

  /** The deepest nesting of expressions, types and queries accepted. */
  static final int MAX_NESTING_DEPTH = 1000;

  /** Non-reserved words that still cannot be a bare alias (without {@code AS}). */
  private static final Set<String> NOT_BARE_ALIASES = Set.of(
      "LEFT", "RIGHT", "FULL", "INNER", "CROSS", "SEMI", "ANTI", "NATURAL", "LATERAL", "MINUS",
      "OFFSET", "WINDOW", "SORT", "CLUSTER", "DISTRIBUTE", "NOT", "END", "ASC", "DESC", "NULLS",
      "ESCAPE", "OVER");

  private final List<Token> tokens;
  private int index;
  private int depth;

  TokenCursor(String text) {
    this.tokens = Lexer.tokenize(text);
  }

  /** Returns the current token without consuming it. */
  Token peek() {
    return peek(0);
  }

  /** Returns the token {@code ahead} positions after the current one (the end marker at most). */
  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  /** Consumes and returns the current token. */
  Token next() {
    Token token = peek();
    if (token.type() != TokenType.END_OF_INPUT) {
      index++;
    }
    return token;
  }

  /** Returns whether the current token has the given type. */
  boolean at(TokenType type) {
    return peek().type() == type;
  }

  /** Returns whether the current token is the unquoted keyword {@code keyword}. */
  boolean atKeyword(String keyword) {
    return peek().isKeyword(keyword);
  }

  /** Consumes the current token if it has the given type. */
  boolean match(TokenType type) {
    if (at(type)) {
      next();
      return true;
    }
    return false;
  }

  /** Consumes the current token if it is the unquoted keyword {@code keyword}. */
  boolean matchKeyword(String keyword) {
    if (atKeyword(keyword)) {
      next();
      return true;
    }
    return false;
  }

  /** Consumes a token of the given type or fails. */
  Token expect(TokenType type) {
    if (!at(type)) {
      throw error(type.describe());
    }
    return next();
  }

  /** Consumes the keyword or fails. */
  Token expectKeyword(String keyword) {
    if (!atKeyword(keyword)) {
      throw error("'" + keyword + "'");
    }
    return next();
  }

  /** Consumes a name (quoted or not, keywords allowed) and returns its unquoted value. */
  String identifier() {
    if (!peek().isIdentifier()) {
      throw error("an identifier");
    }
    return next().value();
  }

  /** Returns whether the current token is a quoted name or an unquoted non-reserved word. */
  boolean atUnreservedIdentifier() {
    Token token = peek();
    return token.type() == TokenType.QUOTED_IDENTIFIER
        || (token.type() == TokenType.IDENTIFIER && !ReservedWords.isReserved(token.text()));
  }

  /** Returns whether the current token can be an alias written without {@code AS}. */
  boolean atBareAlias() {
    return atUnreservedIdentifier()
        && !(peek().type() == TokenType.IDENTIFIER && NOT_BARE_ALIASES.contains(peek().keyword()));
  }

  /** Fails unless the input is exhausted. */
  void expectEnd() {
    if (!at(TokenType.END_OF_INPUT)) {
      throw error(TokenType.END_OF_INPUT.describe());
    }
  }

  /** Returns a syntax error at the current token. */
  ParseException error(String... expected) {
    return errorAt(peek(), expected);
  }

  /** Returns a syntax error at {@code token}. */
  ParseException errorAt(Token token, String... expected) {
    return ParseException.syntaxError(token.line(), token.column(), token.text(),
        List.of(expected));
  }

  /** Returns an error with a specific condition at {@code token}. */
  ParseException conditionErrorAt(Token token, String condition, String detail,
      String... expected) {
    return new ParseException(condition, detail, token.line(), token.column(), token.text(),
        List.of(expected));
  }

  /** Records entering one more level of nesting; fails beyond {@link #MAX_NESTING_DEPTH}. */
  void enterNesting() {
    depth++;
    if (depth > MAX_NESTING_DEPTH) {
      // Spark's parser fails with FAILED_TO_PARSE_TOO_COMPLEX where its stack ends; this limit stops
      // earlier, so that the engine's recursive passes over the tree never overflow either.
      throw conditionErrorAt(peek(), ParseException.FAILED_TO_PARSE_TOO_COMPLEX,
          ParseException.TOO_COMPLEX_TEXT);
    }
  }

  /** Records leaving {@code levels} levels of nesting. */
  void exitNesting(int levels) {
    depth -= levels;
  }
}
