package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.IntervalLiteral;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalLiteralTest {

  private static final long SECOND = 1_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  @Nested
  class ParsingIntervalStrings {

    @Test
    void durationsUsedForWindowsAndWatermarks() {
      assertThat(IntervalLiteral.parse("10 minutes")).isEqualTo(new IntervalLiteral(0, 0, 10 * MINUTE));
      assertThat(IntervalLiteral.parse("2 minutes")).isEqualTo(new IntervalLiteral(0, 0, 2 * MINUTE));
      assertThat(IntervalLiteral.parse("1 hour")).isEqualTo(new IntervalLiteral(0, 0, HOUR));
      assertThat(IntervalLiteral.parse("30 seconds")).isEqualTo(new IntervalLiteral(0, 0, 30 * SECOND));
      assertThat(IntervalLiteral.parse("1 day")).isEqualTo(new IntervalLiteral(0, 1, 0));
      assertThat(IntervalLiteral.parse("2 days")).isEqualTo(new IntervalLiteral(0, 2, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1 year, 12, 0, 0",
        "2 months, 2, 0, 0",
        "1 week, 0, 7, 0",
        "3 milliseconds, 0, 0, 3000",
        "7 microseconds, 0, 0, 7",
        "1 YEAR 2 MONTHS 3 DAYS, 14, 3, 0",
        "interval 1 hour 30 minutes, 0, 0, 5400000000",
        "-5 seconds, 0, 0, -5000000",
        "1.5 seconds, 0, 0, 1500000",
        "'  10   Minutes  ', 0, 0, 600000000",
        "10minutes, 0, 0, 600000000"})
    void unitsAreSummedIntoMonthsDaysAndMicroseconds(String text, int months, int days,
        long microseconds) {
      assertThat(IntervalLiteral.parse(text)).isEqualTo(new IntervalLiteral(months, days, microseconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "interval", "10", "minutes", "10 parsecs", "1.5 hours",
        "ten minutes", "10 minutes extra", "99999999999 years", "1 minute -"})
    void malformedStringsAreRejected(String text) {
      assertThatThrownBy(() -> IntervalLiteral.parse(text))
          .isInstanceOfSatisfying(ParseException.class, error -> assertThat(error.getCondition())
              .isEqualTo(ParseException.INVALID_INTERVAL_FORMAT));
    }

    @Test
    void errorPointsAtTheOffendingWord() {
      assertThatThrownBy(() -> IntervalLiteral.parse("10 parsecs"))
          .isInstanceOfSatisfying(ParseException.class, error -> {
            assertThat(error.column()).isEqualTo(4);
            assertThat(error.offendingToken()).isEqualTo("parsecs");
          });
    }

    @Test
    void renderingReadsBack() {
      IntervalLiteral interval = new IntervalLiteral(-14, 3, -(HOUR + 90 * SECOND + 5));
      assertThat(interval.toString())
          .isEqualTo("INTERVAL '-1 years -2 months 3 days -1 hours -1 minutes -30.000005 seconds'");
      assertThat(parseExpression(interval.toString())).isEqualTo(interval);
      assertThat(new IntervalLiteral(0, 0, 0).toString()).isEqualTo("INTERVAL '0 seconds'");
    }
  }

  @Nested
  class IntervalExpressions {

    @Test
    void multiUnitForm() {
      assertThat(parseExpression("INTERVAL 1 HOUR")).isEqualTo(new IntervalLiteral(0, 0, HOUR));
      assertThat(parseExpression("INTERVAL 1 DAY 2 HOURS")).isEqualTo(new IntervalLiteral(0, 1, 2 * HOUR));
      assertThat(parseExpression("INTERVAL -5 SECONDS")).isEqualTo(new IntervalLiteral(0, 0, -5 * SECOND));
      assertThat(parseExpression("interval 1.5 seconds"))
          .isEqualTo(new IntervalLiteral(0, 0, 1_500_000));
    }

    @Test
    void stringForms() {
      assertThat(parseExpression("INTERVAL '10 minutes'")).isEqualTo(new IntervalLiteral(0, 0, 10 * MINUTE));
      assertThat(parseExpression("INTERVAL '1' DAY")).isEqualTo(new IntervalLiteral(0, 1, 0));
    }

    @Test
    void intervalArithmetic() {
      assertThat(parseExpression("ts - INTERVAL 1 DAY - 1").toString())
          .isEqualTo("((ts - INTERVAL '1 days') - 1)");
      assertThat(parseExpression("ts + INTERVAL 10 MINUTES").toString())
          .isEqualTo("(ts + INTERVAL '10 minutes')");
    }

    @Test
    void intervalWithoutAValueIsAColumn() {
      assertThat(parseExpression("interval")).isEqualTo(ColumnRef.of("interval"));
      assertThat(parseExpression("interval - 5").toString()).isEqualTo("(`interval` - 5)");
    }

    @Test
    void invalidIntervalsArePositionedAtTheKeyword() {
      assertThatThrownBy(() -> parseExpression("x + INTERVAL '10 parsecs'"))
          .isInstanceOfSatisfying(ParseException.class, error -> {
            assertThat(error.getCondition()).isEqualTo(ParseException.INVALID_INTERVAL_FORMAT);
            assertThat(error.column()).isEqualTo(5);
          });
      assertThatThrownBy(() -> parseExpression("INTERVAL 1 PARSEC"))
          .isInstanceOfSatisfying(ParseException.class, error -> {
            assertThat(error.offendingToken()).isEqualTo("PARSEC");
            assertThat(error.expected()).containsExactly("an interval unit such as DAY or HOUR");
          });
    }
  }
}
