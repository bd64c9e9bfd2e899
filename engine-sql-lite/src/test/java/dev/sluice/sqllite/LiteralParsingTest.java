package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.BooleanLiteral;
import dev.sluice.sqllite.ast.Cast;
import dev.sluice.sqllite.ast.DateLiteral;
import dev.sluice.sqllite.ast.DecimalLiteral;
import dev.sluice.sqllite.ast.DoubleLiteral;
import dev.sluice.sqllite.ast.FloatLiteral;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.LongLiteral;
import dev.sluice.sqllite.ast.NullLiteral;
import dev.sluice.sqllite.ast.PrimitiveKind;
import dev.sluice.sqllite.ast.PrimitiveTypeSpec;
import dev.sluice.sqllite.ast.StringLiteral;
import dev.sluice.sqllite.ast.TimestampLiteral;
import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteralParsingTest {

  @Nested
  class IntegerLiterals {

    @Test
    void smallIntegersAreInts() {
      assertThat(parseExpression("42")).isEqualTo(new IntLiteral(42));
      assertThat(parseExpression("2147483647")).isEqualTo(new IntLiteral(Integer.MAX_VALUE));
    }

    @Test
    void minusSignIsFoldedIntoTheLiteralLikeSpark() {
      assertThat(parseExpression("-1")).isEqualTo(new IntLiteral(-1));
      assertThat(parseExpression("-2147483648")).isEqualTo(new IntLiteral(Integer.MIN_VALUE));
      assertThat(parseExpression("-9223372036854775808")).isEqualTo(new LongLiteral(Long.MIN_VALUE));
    }

    @Test
    void integersBeyondIntRangeAreLongs() {
      assertThat(parseExpression("2147483648")).isEqualTo(new LongLiteral(2147483648L));
      assertThat(parseExpression("9223372036854775807")).isEqualTo(new LongLiteral(Long.MAX_VALUE));
    }

    @Test
    void integersBeyondLongRangeAreDecimals() {
      assertThat(parseExpression("9223372036854775808"))
          .isEqualTo(new DecimalLiteral(new BigDecimal("9223372036854775808")));
    }

    @Test
    void suffixLMakesALong() {
      assertThat(parseExpression("10L")).isEqualTo(new LongLiteral(10));
      assertThat(parseExpression("10l")).isEqualTo(new LongLiteral(10));
    }

    @Test
    void suffixesSAndYMakeSmallintAndTinyintCasts() {
      assertThat(parseExpression("10S")).isEqualTo(
          new Cast(new IntLiteral(10), new PrimitiveTypeSpec(PrimitiveKind.SHORT), false));
      assertThat(parseExpression("-128Y")).isEqualTo(
          new Cast(new IntLiteral(-128), new PrimitiveTypeSpec(PrimitiveKind.BYTE), false));
    }

    @ParameterizedTest
    @CsvSource({"128Y", "32768S", "9223372036854775808L", "1e999", "1e999D", "1e50F"})
    void outOfRangeTypedLiteralsAreRejected(String literal) {
      assertThatThrownBy(() -> parseExpression(literal))
          .isInstanceOfSatisfying(ParseException.class, error -> assertThat(error.getCondition())
              .isEqualTo(ParseException.INVALID_NUMERIC_LITERAL_RANGE));
    }
  }

  @Nested
  class FractionalLiterals {

    @Test
    void plainFractionIsADecimalWithItsScale() {
      assertThat(parseExpression("0.2")).isEqualTo(new DecimalLiteral(new BigDecimal("0.2")));
      assertThat(parseExpression("1.50")).isEqualTo(new DecimalLiteral(new BigDecimal("1.50")));
      assertThat(parseExpression(".5")).isEqualTo(new DecimalLiteral(new BigDecimal("0.5")));
    }

    @Test
    void suffixBdMakesADecimal() {
      assertThat(parseExpression("1.5BD")).isEqualTo(new DecimalLiteral(new BigDecimal("1.5")));
      assertThat(parseExpression("10bd")).isEqualTo(new DecimalLiteral(BigDecimal.TEN));
    }

    @Test
    void exponentMakesADouble() {
      assertThat(parseExpression("1e3")).isEqualTo(new DoubleLiteral(1000));
      assertThat(parseExpression("1.5E-2")).isEqualTo(new DoubleLiteral(0.015));
      assertThat(parseExpression("2E+2")).isEqualTo(new DoubleLiteral(200));
    }

    @Test
    void suffixDMakesADoubleAndSuffixFAFloat() {
      assertThat(parseExpression("1.5D")).isEqualTo(new DoubleLiteral(1.5));
      assertThat(parseExpression("3d")).isEqualTo(new DoubleLiteral(3));
      assertThat(parseExpression("1.5F")).isEqualTo(new FloatLiteral(1.5f));
      assertThat(parseExpression("-2.5f")).isEqualTo(new FloatLiteral(-2.5f));
    }

    @Test
    void decimalsOfMoreThan38DigitsAreRejected() {
      assertThatThrownBy(() -> parseExpression("1" + "0".repeat(38)))
          .isInstanceOfSatisfying(ParseException.class, error -> assertThat(error.getCondition())
              .isEqualTo(ParseException.DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION));
    }

    @Test
    void numberFollowedByLettersIsAnIdentifierLikeInSpark() {
      assertThat(parseExpression("1a").toString()).isEqualTo("`1a`");
    }
  }

  @Nested
  class StringLiterals {

    @Test
    void singleAndDoubleQuotesDelimitStrings() {
      assertThat(parseExpression("'abc'")).isEqualTo(new StringLiteral("abc"));
      assertThat(parseExpression("\"abc\"")).isEqualTo(new StringLiteral("abc"));
      assertThat(parseExpression("''")).isEqualTo(new StringLiteral(""));
    }

    @Test
    void backslashEscapesAreResolvedLikeSpark() {
      assertThat(parseExpression("'a\\nb\\tc\\rd'")).isEqualTo(new StringLiteral("a\nb\tc\rd"));
      assertThat(parseExpression("'it\\'s'")).isEqualTo(new StringLiteral("it's"));
      assertThat(parseExpression("\"say \\\"hi\\\"\"")).isEqualTo(new StringLiteral("say \"hi\""));
      assertThat(parseExpression("'back\\\\slash'")).isEqualTo(new StringLiteral("back\\slash"));
      assertThat(parseExpression("'\\u0041\\u00e9'")).isEqualTo(new StringLiteral("Aé"));
      assertThat(parseExpression("'\\0\\Z\\b'")).isEqualTo(new StringLiteral("\0\u001A\b"));
      assertThat(parseExpression("'\\101'")).isEqualTo(new StringLiteral("A"));
      assertThat(parseExpression("'\\q'")).isEqualTo(new StringLiteral("q"));
    }

    @Test
    void likeWildcardEscapesKeepTheirBackslash() {
      assertThat(parseExpression("'100\\%'")).isEqualTo(new StringLiteral("100\\%"));
      assertThat(parseExpression("'a\\_b'")).isEqualTo(new StringLiteral("a\\_b"));
    }

    @Test
    void rawStringsKeepBackslashes() {
      assertThat(parseExpression("r'\\d+\\n'")).isEqualTo(new StringLiteral("\\d+\\n"));
    }

    @Test
    void adjacentStringsAreConcatenated() {
      assertThat(parseExpression("'a' 'b' \"c\"")).isEqualTo(new StringLiteral("abc"));
    }

    @Test
    void renderingEscapesSpecialCharacters() {
      assertThat(new StringLiteral("it's\n\\").toString()).isEqualTo("'it\\'s\\n\\\\'");
    }
  }

  @Nested
  class KeywordAndTypedLiterals {

    @Test
    void booleansAndNullAreCaseInsensitive() {
      assertThat(parseExpression("TRUE")).isEqualTo(new BooleanLiteral(true));
      assertThat(parseExpression("false")).isEqualTo(new BooleanLiteral(false));
      assertThat(parseExpression("Null")).isEqualTo(new NullLiteral());
    }

    @Test
    void timestampAndDateLiteralsKeepTheirText() {
      assertThat(parseExpression("TIMESTAMP '2022-05-09 10:00:00'"))
          .isEqualTo(new TimestampLiteral("2022-05-09 10:00:00"));
      assertThat(parseExpression("timestamp_ltz '2022-05-09'"))
          .isEqualTo(new TimestampLiteral("2022-05-09"));
      assertThat(parseExpression("date '2022-05-09'")).isEqualTo(new DateLiteral("2022-05-09"));
    }

    @Test
    void timestampNtzLiteralIsACastOfItsText() {
      assertThat(parseExpression("TIMESTAMP_NTZ '2022-05-09 10:00:00'").toString())
          .isEqualTo("CAST('2022-05-09 10:00:00' AS timestamp_ntz)");
    }

    @Test
    void typedLiteralKeywordsWithoutAStringAreColumnNames() {
      assertThat(parseExpression("timestamp").toString()).isEqualTo("timestamp");
      assertThat(parseExpression("date + 1").toString()).isEqualTo("(date + 1)");
    }
  }
}
