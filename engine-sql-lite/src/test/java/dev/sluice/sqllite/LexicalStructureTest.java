package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static dev.sluice.sqllite.SqlParser.parseQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LexicalStructureTest {

  @Test
  void lineCommentsRunToTheEndOfTheLine() {
    assertThat(parseExpression("a -- the first column\n + 1").toString()).isEqualTo("(a + 1)");
    assertThat(parseExpression("a + 1 -- trailing").toString()).isEqualTo("(a + 1)");
  }

  @Test
  void bracketedCommentsMayNest() {
    assertThat(parseExpression("a /* outer /* inner */ still comment */ + 1").toString())
        .isEqualTo("(a + 1)");
  }

  @Test
  void unclosedBracketedCommentIsReportedAtItsStart() {
    assertThatThrownBy(() -> parseExpression("a + /* never /* closed */"))
        .isInstanceOfSatisfying(ParseException.class, error -> {
          assertThat(error.getCondition()).isEqualTo(ParseException.UNCLOSED_BRACKETED_COMMENT);
          assertThat(error.column()).isEqualTo(5);
        });
  }

  @Test
  void keywordsAreCaseInsensitive() {
    assertThat(parseQuery("select A from T where b is not null").toString())
        .isEqualTo("SELECT A FROM T WHERE (b IS NOT NULL)");
  }

  @Test
  void whitespaceOfAnyKindSeparatesTokens() {
    assertThat(parseExpression("a\t+\r\n1").toString()).isEqualTo("(a + 1)");
  }

  @Test
  void unclosedStringIsASyntaxError() {
    assertThatThrownBy(() -> parseExpression("'abc"))
        .isInstanceOfSatisfying(ParseException.class, error -> {
          assertThat(error.getCondition()).isEqualTo(ParseException.PARSE_SYNTAX_ERROR);
          assertThat(error.offendingToken()).isEqualTo("'abc");
        });
  }

  @Test
  void unknownCharacterIsASyntaxError() {
    assertThatThrownBy(() -> parseExpression("a # b"))
        .isInstanceOfSatisfying(ParseException.class, error -> {
          assertThat(error.offendingToken()).isEqualTo("#");
          assertThat(error.column()).isEqualTo(3);
        });
  }
}
