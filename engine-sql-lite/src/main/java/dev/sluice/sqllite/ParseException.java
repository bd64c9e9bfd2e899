package dev.sluice.sqllite;

import java.util.List;
import java.util.Objects;

/**
 * Thrown for any malformed input given to {@link SqlParser}; no other exception escapes the
 * parser. Carries a Spark-style error condition, the 1-based position of the offending token, its
 * text and what the parser expected there. Immutable.
 *
 * <p>The message follows Spark 4, e.g. {@code [PARSE_SYNTAX_ERROR] Syntax error at or near
 * 'FROM': expected an expression. SQLSTATE: 42601 (line 1, pos 7)}. As in Spark, {@code pos} in
 * the message is the 0-based offset within the line, i.e. {@code column() - 1}.
 */
public final class ParseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Generic syntax error: an unexpected token. */
  public static final String PARSE_SYNTAX_ERROR = "PARSE_SYNTAX_ERROR";
  /** A {@code /*} comment without its closing {@code *}{@code /}. */
  public static final String UNCLOSED_BRACKETED_COMMENT = "UNCLOSED_BRACKETED_COMMENT";
  /** An unknown type name or invalid type parameters such as {@code decimal(5,6)}. */
  public static final String UNSUPPORTED_DATATYPE = "UNSUPPORTED_DATATYPE";
  /** A decimal type or literal with more than 38 digits. */
  public static final String DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION =
      "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION";
  /** A malformed interval literal or interval string. */
  public static final String INVALID_INTERVAL_FORMAT = "INVALID_INTERVAL_FORMAT";
  /** A numeric literal outside the range of its type, e.g. {@code 128Y} or {@code 1e999}. */
  public static final String INVALID_NUMERIC_LITERAL_RANGE = "INVALID_NUMERIC_LITERAL_RANGE";

  /** Input nested more deeply than the parser goes (Spark's answer to a parser stack overflow). */
  public static final String FAILED_TO_PARSE_TOO_COMPLEX = "FAILED_TO_PARSE_TOO_COMPLEX";

  /** Spark's text for {@link #FAILED_TO_PARSE_TOO_COMPLEX}, without its final period. */
  static final String TOO_COMPLEX_TEXT = "The statement, including potential SQL functions and referenced views,"
      + " was too complex to parse.\nTo mitigate this error divide the statement into multiple, less complex"
      + " chunks";

  /** The offending-token text used when the input ended too early. */
  public static final String END_OF_INPUT = "<EOF>";

  private final String condition;
  private final String detail;
  private final int line;
  private final int column;
  private final String offendingToken;
  private final List<String> expected;

  /**
   * Creates an exception.
   *
   * @param condition the error condition, one of the constants of this class
   * @param detail the human-readable description placed after the condition in the message
   * @param line the 1-based line of the offending token
   * @param column the 1-based column of the offending token
   * @param offendingToken the text of the offending token, or {@link #END_OF_INPUT}
   * @param expected descriptions of what was expected there, e.g. {@code "')'"} or
   *     {@code "an expression"}; may be empty
   */
  public ParseException(String condition, String detail, int line, int column,
      String offendingToken, List<String> expected) {
    super("[" + condition + "] " + detail + ". SQLSTATE: " + sqlState(condition)
        + " (line " + line + ", pos " + (column - 1) + ")");
    this.condition = Objects.requireNonNull(condition, "condition");
    this.detail = detail;
    this.line = line;
    this.column = column;
    this.offendingToken = Objects.requireNonNull(offendingToken, "offendingToken");
    this.expected = List.copyOf(expected);
  }

  /**
   * Creates a {@link #PARSE_SYNTAX_ERROR} whose message names the offending token and what was
   * expected instead.
   */
  public static ParseException syntaxError(int line, int column, String offendingToken,
      List<String> expected) {
    String near = END_OF_INPUT.equals(offendingToken)
        ? "end of input" : "'" + offendingToken + "'";
    String expectation = expected.isEmpty() ? "" : ": expected " + describe(expected);
    return new ParseException(PARSE_SYNTAX_ERROR, "Syntax error at or near " + near + expectation,
        line, column, offendingToken, expected);
  }

  /** Returns the error condition, e.g. {@code "PARSE_SYNTAX_ERROR"}. */
  public String getCondition() {
    return condition;
  }

  /** Returns the SQLSTATE of the condition, e.g. {@code "42601"}. */
  public String getSqlState() {
    return sqlState(condition);
  }

  /** Returns the 1-based line of the offending token. */
  public int line() {
    return line;
  }

  /** Returns the 1-based column of the offending token. */
  public int column() {
    return column;
  }

  /** Returns the text of the offending token, or {@code "<EOF>"} at the end of the input. */
  public String offendingToken() {
    return offendingToken;
  }

  /** Returns descriptions of what the parser expected at the offending token. */
  public List<String> expected() {
    return expected;
  }

  /** Returns the description that follows the condition in the message. */
  String detail() {
    return detail;
  }

  private static String describe(List<String> expected) {
    if (expected.size() == 1) {
      return expected.get(0);
    }
    return String.join(", ", expected.subList(0, expected.size() - 1))
        + " or " + expected.get(expected.size() - 1);
  }

  private static String sqlState(String condition) {
    return switch (condition) {
      case UNSUPPORTED_DATATYPE -> "0A000";
      case DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION, INVALID_NUMERIC_LITERAL_RANGE -> "22003";
      case INVALID_INTERVAL_FORMAT -> "22006";
      case FAILED_TO_PARSE_TOO_COMPLEX -> "54001";
      default -> "42601";
    };
  }
}
