package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.BinaryOp;
import dev.sluice.sqllite.ast.BinaryOperator;
import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.UnaryOp;
import dev.sluice.sqllite.ast.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator precedence and associativity follow Spark SQL. */
class OperatorPrecedenceTest {

  private static String parsed(String text) {
    return parseExpression(text).toString();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiterString = " => ", value = {
      "a + b => ADD", "a - b => SUBTRACT", "a * b => MULTIPLY", "a / b => DIVIDE",
      "a % b => REMAINDER", "a div b => INTEGER_DIVIDE", "a DIV b => INTEGER_DIVIDE",
      "a || b => CONCAT", "a = b => EQUAL", "a == b => EQUAL", "a <=> b => NULL_SAFE_EQUAL",
      "a != b => NOT_EQUAL", "a <> b => NOT_EQUAL", "a < b => LESS_THAN",
      "a <= b => LESS_THAN_OR_EQUAL", "a > b => GREATER_THAN", "a >= b => GREATER_THAN_OR_EQUAL",
      "a AND b => AND", "a or b => OR", "a & b => BITWISE_AND", "a | b => BITWISE_OR",
      "a ^ b => BITWISE_XOR"})
  void everyBinaryOperatorIsRecognized(String text, BinaryOperator operator) {
    assertThat(parseExpression(text))
        .isEqualTo(new BinaryOp(operator, ColumnRef.of("a"), ColumnRef.of("b")));
  }

  @Test
  void everyUnaryOperatorIsRecognized() {
    assertThat(parseExpression("-a")).isEqualTo(new UnaryOp(UnaryOperator.NEGATE, ColumnRef.of("a")));
    assertThat(parseExpression("+a")).isEqualTo(new UnaryOp(UnaryOperator.PLUS, ColumnRef.of("a")));
    assertThat(parseExpression("~a"))
        .isEqualTo(new UnaryOp(UnaryOperator.BITWISE_NOT, ColumnRef.of("a")));
    assertThat(parseExpression("NOT a")).isEqualTo(new UnaryOp(UnaryOperator.NOT, ColumnRef.of("a")));
    assertThat(parseExpression("!a")).isEqualTo(new UnaryOp(UnaryOperator.NOT, ColumnRef.of("a")));
  }

  @ParameterizedTest(name = "{0}  gives  {1}")
  @CsvSource(delimiterString = " => ", value = {
      "1 + 2 * 3 => (1 + (2 * 3))",
      "1 * 2 + 3 => ((1 * 2) + 3)",
      "a || b + c => ((a || b) + c)",
      "a + b || c => ((a + b) || c)",
      "a * b div c % d => (((a * b) div c) % d)",
      "a & b + c => (a & (b + c))",
      "a ^ b & c => (a ^ (b & c))",
      "a | b ^ c => (a | (b ^ c))",
      "a = b | c => (a = (b | c))",
      "a < b AND c > d => ((a < b) AND (c > d))",
      "a AND b OR c AND d => ((a AND b) OR (c AND d))",
      "NOT a AND b => ((NOT a) AND b)",
      "NOT a = b => (NOT (a = b))",
      "NOT a IS NULL => (NOT (a IS NULL))",
      "NOT NOT a => (NOT (NOT a))",
      "a OR NOT b AND c => (a OR ((NOT b) AND c))",
      "-a * b => ((- a) * b)",
      "-a[0] => (- a[0])",
      "~a & b => ((~ a) & b)",
      "- -a => (- (- a))",
      "a::int + 1 => (CAST(a AS int) + 1)",
      "-a::int => (- CAST(a AS int))",
      "a + b = c * d => ((a + b) = (c * d))",
      "(1 + 2) * 3 => ((1 + 2) * 3)"})
  void precedenceFollowsSpark(String text, String tree) {
    assertThat(parsed(text)).isEqualTo(tree);
  }

  @ParameterizedTest(name = "{0}  gives  {1}")
  @CsvSource(delimiterString = " => ", value = {
      "1 - 2 - 3 => ((1 - 2) - 3)",
      "a / b / c => ((a / b) / c)",
      "a = b = c => ((a = b) = c)",
      "a < b <= c => ((a < b) <= c)",
      "a AND b AND c => ((a AND b) AND c)",
      "a OR b OR c => ((a OR b) OR c)",
      "a || b || c => ((a || b) || c)"})
  void binaryOperatorsAreLeftAssociative(String text, String tree) {
    assertThat(parsed(text)).isEqualTo(tree);
  }

  @Test
  void minusBeforeANumberIsFoldedButNotBeforeOtherOperands() {
    assertThat(parseExpression("1 - -1"))
        .isEqualTo(new BinaryOp(BinaryOperator.SUBTRACT, new IntLiteral(1), new IntLiteral(-1)));
    assertThat(parseExpression("-(1)")).isEqualTo(new UnaryOp(UnaryOperator.NEGATE, new IntLiteral(1)));
  }

  @Test
  void prefixNotIsOnlyAllowedWhereABooleanExpressionMayStart() {
    assertThatThrownBy(() -> parseExpression("a = NOT b"))
        .isInstanceOfSatisfying(ParseException.class, error -> {
          assertThat(error.offendingToken()).isEqualTo("NOT");
          assertThat(error.expected()).containsExactly("an expression");
        });
    assertThat(parsed("a = (NOT b)")).isEqualTo("(a = (NOT b))");
  }
}
