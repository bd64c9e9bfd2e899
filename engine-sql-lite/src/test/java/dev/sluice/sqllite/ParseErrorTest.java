package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseDataType;
import static dev.sluice.sqllite.SqlParser.parseExpression;
import static dev.sluice.sqllite.SqlParser.parseQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Errors report the position, offending token and expectation, in Spark's message style. */
class ParseErrorTest {

  private static ParseException failure(ThrowingCallable parse) {
    ParseException error = catchThrowableOfType(ParseException.class, parse);
    assertThat(error).as("expected a ParseException").isNotNull();
    return error;
  }

  @Test
  void queryEndingAfterFrom() {
    ParseException error = failure(() -> parseQuery("SELECT a FROM"));
    assertThat(error.getCondition()).isEqualTo("PARSE_SYNTAX_ERROR");
    assertThat(error.line()).isEqualTo(1);
    assertThat(error.column()).isEqualTo(14);
    assertThat(error.offendingToken()).isEqualTo("<EOF>");
    assertThat(error.expected()).containsExactly("a table name", "'('");
    assertThat(error.getMessage()).isEqualTo("[PARSE_SYNTAX_ERROR] Syntax error at or near end of "
        + "input: expected a table name or '('. SQLSTATE: 42601 (line 1, pos 13)");
  }

  @Test
  void missingOperand() {
    ParseException error = failure(() -> parseExpression("a +"));
    assertThat(error.column()).isEqualTo(4);
    assertThat(error.offendingToken()).isEqualTo("<EOF>");
    assertThat(error.expected()).containsExactly("an expression");
  }

  @Test
  void selectWithoutProjection() {
    ParseException error = failure(() -> parseQuery("SELECT FROM t"));
    assertThat(error.getMessage()).isEqualTo("[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM': "
        + "expected an expression. SQLSTATE: 42601 (line 1, pos 7)");
    assertThat(error.column()).isEqualTo(8);
  }

  @Test
  void unknownCastType() {
    ParseException error = failure(() -> parseExpression("CAST(a AS nosuchtype)"));
    assertThat(error.getCondition()).isEqualTo("UNSUPPORTED_DATATYPE");
    assertThat(error.getSqlState()).isEqualTo("0A000");
    assertThat(error.column()).isEqualTo(11);
    assertThat(error.offendingToken()).isEqualTo("nosuchtype");
    assertThat(error.expected()).containsExactly("a data type");
    assertThat(error.getMessage()).startsWith("[UNSUPPORTED_DATATYPE] Unsupported data type "
        + "\"NOSUCHTYPE\". SQLSTATE: 0A000 (line 1, pos 10)");
  }

  @Test
  void extraWordAfterAlias() {
    ParseException error = failure(() -> parseExpression("a b c"));
    assertThat(error.column()).isEqualTo(5);
    assertThat(error.offendingToken()).isEqualTo("c");
    assertThat(error.expected()).containsExactly("end of input");
  }

  @Test
  void multiLineInputReportsTheRightLine() {
    ParseException error = failure(() -> parseQuery("SELECT a,\n  b +\nFROM t"));
    assertThat(error.line()).isEqualTo(3);
    assertThat(error.column()).isEqualTo(1);
    assertThat(error.offendingToken()).isEqualTo("FROM");
    assertThat(error.getMessage()).endsWith("(line 3, pos 0)");
  }

  @Test
  void positionAfterCommentsAndTabs() {
    ParseException error = failure(() -> parseExpression("/* one\n two */\ta = )"));
    assertThat(error.line()).isEqualTo(2);
    assertThat(error.column()).isEqualTo(13);
    assertThat(error.offendingToken()).isEqualTo(")");
  }

  @Test
  void unbalancedParenthesis() {
    ParseException error = failure(() -> parseExpression("(a + 1"));
    assertThat(error.offendingToken()).isEqualTo("<EOF>");
    assertThat(error.expected()).containsExactly("')'");
  }

  @Test
  void missingKeyword() {
    ParseException error = failure(() -> parseQuery("SELECT a FROM t GROUP a"));
    assertThat(error.offendingToken()).isEqualTo("a");
    assertThat(error.expected()).containsExactly("'BY'");
  }

  @Test
  void emptyInput() {
    assertThat(failure(() -> parseExpression("")).expected()).containsExactly("an expression");
    assertThat(failure(() -> parseQuery("   ")).expected()).containsExactly("'SELECT'");
    assertThat(failure(() -> parseDataType("")).expected()).containsExactly("a data type");
  }

  @Test
  void unexpectedCloseAngle() {
    ParseException error = failure(() -> parseDataType("map<string int>"));
    assertThat(error.column()).isEqualTo(12);
    assertThat(error.expected()).containsExactly("','");
  }
}
