package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.BoundKind;
import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.FrameBound;
import dev.sluice.sqllite.ast.FrameSpec;
import dev.sluice.sqllite.ast.FrameType;
import dev.sluice.sqllite.ast.FunctionCall;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.LambdaFunction;
import dev.sluice.sqllite.ast.NullOrdering;
import dev.sluice.sqllite.ast.SortItem;
import dev.sluice.sqllite.ast.Star;
import dev.sluice.sqllite.ast.StringLiteral;
import dev.sluice.sqllite.ast.WindowSpec;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FunctionCallParsingTest {

  private static final ColumnRef A = ColumnRef.of("a");
  private static final ColumnRef B = ColumnRef.of("b");

  @Nested
  class PlainCalls {

    @Test
    void countStarHasAStarArgument() {
      assertThat(parseExpression("count(*)"))
          .isEqualTo(FunctionCall.of("count", new Star(List.of())));
    }

    @Test
    void namesKeepTheirSpelling() {
      assertThat(parseExpression("COUNT(1)")).isEqualTo(FunctionCall.of("COUNT", new IntLiteral(1)));
    }

    @Test
    void callsWithoutArguments() {
      assertThat(parseExpression("current_timestamp()")).isEqualTo(FunctionCall.of("current_timestamp"));
      assertThat(parseExpression("rand()")).isEqualTo(FunctionCall.of("rand"));
    }

    @Test
    void currentDateAndTimestampNeedNoParentheses() {
      assertThat(parseExpression("current_timestamp")).isEqualTo(FunctionCall.of("current_timestamp"));
      assertThat(parseExpression("CURRENT_DATE")).isEqualTo(FunctionCall.of("CURRENT_DATE"));
    }

    @Test
    void distinctArguments() {
      assertThat(parseExpression("count(DISTINCT a, b)"))
          .isEqualTo(new FunctionCall("count", List.of(A, B), true, null));
    }

    @Test
    void keywordNamedFunctions() {
      assertThat(parseExpression("window(ts, '10 minutes')")).isEqualTo(FunctionCall.of(
          "window", ColumnRef.of("ts"), new StringLiteral("10 minutes")));
      assertThat(parseExpression("left(s, 2)").toString()).isEqualTo("left(s, 2)");
      assertThat(parseExpression("date(ts)").toString()).isEqualTo("date(ts)");
    }

    @Test
    void qualifiedFunctionName() {
      assertThat(parseExpression("db.fn(a)")).isEqualTo(FunctionCall.of("db.fn", A));
    }

    @Test
    void nestedCallsAndFieldAccessOnTheResult() {
      assertThat(parseExpression("upper(trim(a)).x").toString()).isEqualTo("upper(trim(a)).x");
    }

    @Test
    void missingCommaIsReported() {
      assertThatThrownBy(() -> parseExpression("f(a b)"))
          .isInstanceOfSatisfying(ParseException.class, error -> {
            assertThat(error.offendingToken()).isEqualTo("b");
            assertThat(error.expected()).containsExactly("','", "')'");
          });
    }
  }

  @Nested
  class WindowFunctions {

    @Test
    void fullWindowSpecification() {
      FunctionCall call = (FunctionCall) parseExpression(
          "sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
      assertThat(call.over()).isEqualTo(new WindowSpec(
          List.of(A),
          List.of(new SortItem(B, true, NullOrdering.DEFAULT)),
          new FrameSpec(FrameType.ROWS, FrameBound.of(BoundKind.UNBOUNDED_PRECEDING),
              FrameBound.of(BoundKind.CURRENT_ROW))));
    }

    @Test
    void rangeFrameWithOffsets() {
      FunctionCall call = (FunctionCall) parseExpression(
          "avg(x) OVER (ORDER BY t DESC NULLS FIRST RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING)");
      assertThat(call.over().frame()).isEqualTo(new FrameSpec(FrameType.RANGE,
          new FrameBound(BoundKind.PRECEDING, new IntLiteral(3)),
          new FrameBound(BoundKind.FOLLOWING, new IntLiteral(2))));
      assertThat(call.over().orderBy())
          .containsExactly(new SortItem(ColumnRef.of("t"), false, NullOrdering.NULLS_FIRST));
    }

    @Test
    void singleBoundShorthandEndsAtCurrentRow() {
      FunctionCall call = (FunctionCall) parseExpression("sum(x) OVER (ROWS UNBOUNDED PRECEDING)");
      assertThat(call.over().frame()).isEqualTo(new FrameSpec(FrameType.ROWS,
          FrameBound.of(BoundKind.UNBOUNDED_PRECEDING), FrameBound.of(BoundKind.CURRENT_ROW)));
    }

    @Test
    void emptyWindowAndUnboundedFollowing() {
      assertThat(((FunctionCall) parseExpression("row_number() OVER ()")).over())
          .isEqualTo(new WindowSpec(List.of(), List.of(), null));
      assertThat(parseExpression(
          "last(x) OVER (PARTITION BY a, b ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)")
          .toString()).isEqualTo("last(x) OVER (PARTITION BY a, b ROWS BETWEEN CURRENT ROW AND "
              + "UNBOUNDED FOLLOWING)");
    }

    @Test
    void frameBoundNeedsADirection() {
      assertThatThrownBy(() -> parseExpression("sum(x) OVER (ROWS BETWEEN 1 AND CURRENT ROW)"))
          .isInstanceOfSatisfying(ParseException.class, error ->
              assertThat(error.expected()).containsExactly("'PRECEDING'", "'FOLLOWING'"));
    }
  }

  @Nested
  class Lambdas {

    @Test
    void singleParameterLambda() {
      FunctionCall call = (FunctionCall) parseExpression("transform(a, x -> x + 1)");
      assertThat(call.arguments().get(1)).isInstanceOfSatisfying(LambdaFunction.class, lambda -> {
        assertThat(lambda.parameters()).containsExactly("x");
        assertThat(lambda.body().toString()).isEqualTo("(x + 1)");
      });
    }

    @Test
    void multiParameterLambda() {
      FunctionCall call = (FunctionCall) parseExpression("aggregate(a, 0, (acc, x) -> acc + x)");
      assertThat(call.arguments().get(2)).isEqualTo(new LambdaFunction(List.of("acc", "x"),
          parseExpression("acc + x")));
    }

    @Test
    void parenthesizedExpressionIsNotALambda() {
      assertThat(parseExpression("f((a), b)")).isEqualTo(FunctionCall.of("f", A, B));
    }
  }
}
