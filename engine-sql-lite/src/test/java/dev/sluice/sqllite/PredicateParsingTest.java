package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.Between;
import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.In;
import dev.sluice.sqllite.ast.IsNull;
import dev.sluice.sqllite.ast.Like;
import dev.sluice.sqllite.ast.LikeKind;
import dev.sluice.sqllite.ast.StringLiteral;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredicateParsingTest {

  private static final ColumnRef A = ColumnRef.of("a");

  @Test
  void isNullAndIsNotNull() {
    assertThat(parseExpression("a IS NULL")).isEqualTo(new IsNull(A, false));
    assertThat(parseExpression("a is not null")).isEqualTo(new IsNull(A, true));
  }

  @Test
  void isDistinctFromIsTheNegatedNullSafeEquality() {
    assertThat(parseExpression("a IS DISTINCT FROM b").toString()).isEqualTo("(NOT (a <=> b))");
    assertThat(parseExpression("a IS NOT DISTINCT FROM b").toString()).isEqualTo("(a <=> b)");
  }

  @Test
  void inAndNotIn() {
    assertThat(parseExpression("a IN (1, 2)"))
        .isEqualTo(new In(A, List.of(new IntLiteral(1), new IntLiteral(2)), false));
    assertThat(parseExpression("a NOT IN ('x')"))
        .isEqualTo(new In(A, List.of(new StringLiteral("x")), true));
  }

  @Test
  void betweenBindsItsOwnAnd() {
    assertThat(parseExpression("a BETWEEN 1 AND 2"))
        .isEqualTo(new Between(A, new IntLiteral(1), new IntLiteral(2), false));
    assertThat(parseExpression("a NOT BETWEEN 1 AND 2 AND b").toString())
        .isEqualTo("((a NOT BETWEEN 1 AND 2) AND b)");
    assertThat(parseExpression("a BETWEEN b + 1 AND c * 2").toString())
        .isEqualTo("(a BETWEEN (b + 1) AND (c * 2))");
  }

  @Test
  void likeFamily() {
    StringLiteral pattern = new StringLiteral("x%");
    assertThat(parseExpression("a LIKE 'x%'"))
        .isEqualTo(new Like(A, pattern, LikeKind.LIKE, false, null));
    assertThat(parseExpression("a NOT ILIKE 'x%'"))
        .isEqualTo(new Like(A, pattern, LikeKind.ILIKE, true, null));
    assertThat(parseExpression("a RLIKE 'x%'"))
        .isEqualTo(new Like(A, pattern, LikeKind.RLIKE, false, null));
    assertThat(parseExpression("a not regexp 'x%'"))
        .isEqualTo(new Like(A, pattern, LikeKind.RLIKE, true, null));
    assertThat(parseExpression("a LIKE 'x%' ESCAPE '!'"))
        .isEqualTo(new Like(A, pattern, LikeKind.LIKE, false, '!'));
  }

  @Test
  void escapeMustBeASingleCharacter() {
    assertThatThrownBy(() -> parseExpression("a LIKE 'x' ESCAPE '!!'"))
        .isInstanceOfSatisfying(ParseException.class, error ->
            assertThat(error.expected()).containsExactly("a single-character string"));
  }

  @Test
  void predicatesShareThePrecedenceOfComparisons() {
    assertThat(parseExpression("a + 1 IS NULL").toString()).isEqualTo("((a + 1) IS NULL)");
    assertThat(parseExpression("a = b IS NULL").toString()).isEqualTo("((a = b) IS NULL)");
    assertThat(parseExpression("a IN (1) AND b LIKE 'x'").toString())
        .isEqualTo("((a IN (1)) AND (b LIKE 'x'))");
    assertThat(parseExpression("a || 'x' LIKE b").toString()).isEqualTo("((a || 'x') LIKE b)");
  }

  @Test
  void isMustBeFollowedByNullOrDistinct() {
    assertThatThrownBy(() -> parseExpression("a IS 5"))
        .isInstanceOfSatisfying(ParseException.class, error -> {
          assertThat(error.offendingToken()).isEqualTo("5");
          assertThat(error.expected()).containsExactly("'NULL'", "'DISTINCT'");
        });
  }
}
