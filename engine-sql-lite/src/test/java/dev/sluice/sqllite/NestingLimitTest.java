package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseDataType;
import static dev.sluice.sqllite.SqlParser.parseExpression;
import static dev.sluice.sqllite.SqlParser.parseQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.In;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pathologically deep input is rejected with a ParseException, never a StackOverflowError. */
class NestingLimitTest {

  private static final int DEEP = 100_000;

  @Test
  void deeplyNestedParenthesesAreRejected() {
    String text = "(".repeat(DEEP) + "a" + ")".repeat(DEEP);
    assertThatThrownBy(() -> parseExpression(text))
        .isInstanceOfSatisfying(ParseException.class, error -> {
          assertThat(error.getCondition()).isEqualTo(ParseException.FAILED_TO_PARSE_TOO_COMPLEX);
          assertThat(error.getSqlState()).isEqualTo("54001");
          assertThat(error.getMessage()).startsWith("[FAILED_TO_PARSE_TOO_COMPLEX] The statement, including"
              + " potential SQL functions and referenced views, was too complex to parse.\n");
        });
  }

  @Test
  void moderateNestingIsAccepted() {
    String text = "(".repeat(500) + "a" + ")".repeat(500);
    assertThat(parseExpression(text)).isEqualTo(ColumnRef.of("a"));
  }

  @ParameterizedTest(name = "{0}...{1}")
  @CsvSource(delimiter = '|', value = {
      "- | a", "~ | a", "NOT  | a", "! | a", "f( | a", "a[ | 0", "CASE WHEN | a",
      "CAST( | a", "x -> | a", "1 + | 1", "1 AND | 1", "a BETWEEN | 1"})
  void deeplyNestedPrefixesAreRejected(String prefix, String operand) {
    String text = (prefix + " ").repeat(DEEP) + operand;
    assertThatThrownBy(() -> parseExpression(text)).isInstanceOf(ParseException.class);
  }

  @Test
  void longOperatorChainsAreRejectedBeforeTheyBecomeTooDeepToWalk() {
    assertThatThrownBy(() -> parseExpression("1" + " + 1".repeat(DEEP)))
        .isInstanceOf(ParseException.class);
    assertThat(parseExpression("1" + " + 1".repeat(200)).toString()).startsWith("((((");
  }

  @Test
  void deeplyNestedTypesAndQueriesAreRejected() {
    assertThatThrownBy(() -> parseDataType("array<".repeat(DEEP) + "int" + ">".repeat(DEEP)))
        .isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parseQuery("SELECT * FROM (".repeat(DEEP) + "t" + ")".repeat(DEEP)))
        .isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parseQuery("SELECT * FROM " + "(".repeat(DEEP) + "t"))
        .isInstanceOf(ParseException.class);
  }

  @Test
  void wideInputIsNotNesting() {
    String list = "1" + ", 1".repeat(DEEP);
    assertThat(parseExpression("a IN (" + list + ")"))
        .isInstanceOfSatisfying(In.class, in -> assertThat(in.list()).hasSize(DEEP + 1));
    assertThat(parseExpression("a" + ".b".repeat(DEEP)))
        .isInstanceOfSatisfying(ColumnRef.class, ref -> assertThat(ref.nameParts()).hasSize(DEEP + 1));
  }
}
