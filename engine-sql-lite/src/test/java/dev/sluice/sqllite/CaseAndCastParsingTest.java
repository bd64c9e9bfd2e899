package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.ArrayTypeSpec;
import dev.sluice.sqllite.ast.CaseWhen;
import dev.sluice.sqllite.ast.Cast;
import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.DecimalTypeSpec;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.PrimitiveKind;
import dev.sluice.sqllite.ast.PrimitiveTypeSpec;
import dev.sluice.sqllite.ast.StringLiteral;
import dev.sluice.sqllite.ast.WhenClause;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseAndCastParsingTest {

  private static final ColumnRef A = ColumnRef.of("a");

  @Test
  void searchedCaseWithElse() {
    assertThat(parseExpression("CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END"))
        .isInstanceOfSatisfying(CaseWhen.class, caseWhen -> {
          assertThat(caseWhen.operand()).isNull();
          assertThat(caseWhen.branches()).extracting(WhenClause::result).containsExactly(
              new StringLiteral("big"), new StringLiteral("small"));
          assertThat(caseWhen.branches().get(0).condition().toString()).isEqualTo("(a > 1)");
          assertThat(caseWhen.elseValue()).isEqualTo(new StringLiteral("none"));
        });
  }

  @Test
  void simpleCaseWithoutElse() {
    assertThat(parseExpression("case a when 1 then 'one' end")).isEqualTo(new CaseWhen(
        A, List.of(new WhenClause(new IntLiteral(1), new StringLiteral("one"))), null));
  }

  @Test
  void caseNests() {
    assertThat(parseExpression(
        "CASE WHEN a THEN CASE b WHEN 1 THEN 2 END ELSE CASE WHEN c THEN 3 END END").toString())
        .isEqualTo("CASE WHEN a THEN CASE b WHEN 1 THEN 2 END ELSE CASE WHEN c THEN 3 END END");
  }

  @Test
  void caseNeedsAWhenBranchAndAnEnd() {
    assertThatThrownBy(() -> parseExpression("CASE a END"))
        .isInstanceOfSatisfying(ParseException.class, error ->
            assertThat(error.expected()).containsExactly("'WHEN'"));
    assertThatThrownBy(() -> parseExpression("CASE WHEN a THEN b"))
        .isInstanceOfSatisfying(ParseException.class, error -> {
          assertThat(error.offendingToken()).isEqualTo(ParseException.END_OF_INPUT);
          assertThat(error.expected()).containsExactly("'WHEN'", "'ELSE'", "'END'");
        });
  }

  @Test
  void castForms() {
    PrimitiveTypeSpec intType = new PrimitiveTypeSpec(PrimitiveKind.INT);
    assertThat(parseExpression("CAST(a AS int)")).isEqualTo(new Cast(A, intType, false));
    assertThat(parseExpression("try_cast(a AS INT)")).isEqualTo(new Cast(A, intType, true));
    assertThat(parseExpression("a::int")).isEqualTo(new Cast(A, intType, false));
  }

  @Test
  void castsToParameterizedAndNestedTypes() {
    assertThat(parseExpression("CAST(a AS DECIMAL(20, 2))"))
        .isEqualTo(new Cast(A, new DecimalTypeSpec(20, 2), false));
    assertThat(parseExpression("a::array<string>")).isEqualTo(new Cast(
        A, new ArrayTypeSpec(new PrimitiveTypeSpec(PrimitiveKind.STRING)), false));
  }

  @Test
  void doubleColonCastsChain() {
    assertThat(parseExpression("a::string::int").toString())
        .isEqualTo("CAST(CAST(a AS string) AS int)");
  }

  @Test
  void castWithoutParenthesesIsAColumn() {
    assertThat(parseExpression("cast")).isEqualTo(ColumnRef.of("cast"));
  }
}
