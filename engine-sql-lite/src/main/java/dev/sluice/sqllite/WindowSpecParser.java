package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.BoundKind;
import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.FrameBound;
import dev.sluice.sqllite.ast.FrameSpec;
import dev.sluice.sqllite.ast.FrameType;
import dev.sluice.sqllite.ast.SortItem;
import dev.sluice.sqllite.ast.WindowSpec;
import java.util.List;

/**
 * Parses the parenthesized window specification after {@code OVER}: {@code PARTITION BY},
 * {@code ORDER BY} and a {@code ROWS}/{@code RANGE} frame. Single-use and not thread-safe.
 */
final class WindowSpecParser {

  private final TokenCursor cursor;
  private final ExpressionParser expressions;

  WindowSpecParser(TokenCursor cursor, ExpressionParser expressions) {
    this.cursor = cursor;
    this.expressions = expressions;
  }

  /** Parses {@code ( [PARTITION BY ...] [ORDER BY ...] [frame] )}. */
  WindowSpec parseWindowSpec() {
    cursor.expect(TokenType.LEFT_PAREN);
    List<Expr> partitionBy = List.of();
    if (cursor.matchKeyword("PARTITION") || cursor.matchKeyword("DISTRIBUTE")) {
      cursor.expectKeyword("BY");
      partitionBy = expressions.parseExpressionList();
    }
    List<SortItem> orderBy = List.of();
    if (cursor.matchKeyword("ORDER") || cursor.matchKeyword("SORT")) {
      cursor.expectKeyword("BY");
      orderBy = expressions.parseSortItems();
    }
    FrameSpec frame = cursor.atKeyword("ROWS") || cursor.atKeyword("RANGE") ? parseFrame() : null;
    if (!cursor.match(TokenType.RIGHT_PAREN)) {
      throw cursor.error(frame == null ? new String[] {"','", "'ROWS'", "'RANGE'", "')'"}
          : new String[] {"')'"});
    }
    return new WindowSpec(partitionBy, orderBy, frame);
  }

  private FrameSpec parseFrame() {
    FrameType type = FrameType.valueOf(cursor.next().keyword());
    if (cursor.matchKeyword("BETWEEN")) {
      FrameBound start = parseBound();
      cursor.expectKeyword("AND");
      return new FrameSpec(type, start, parseBound());
    }
    return new FrameSpec(type, parseBound(), FrameBound.of(BoundKind.CURRENT_ROW));
  }

  private FrameBound parseBound() {
    if (cursor.matchKeyword("UNBOUNDED")) {
      if (cursor.matchKeyword("PRECEDING")) {
        return FrameBound.of(BoundKind.UNBOUNDED_PRECEDING);
      }
      if (cursor.matchKeyword("FOLLOWING")) {
        return FrameBound.of(BoundKind.UNBOUNDED_FOLLOWING);
      }
      throw cursor.error("'PRECEDING'", "'FOLLOWING'");
    }
    if (cursor.atKeyword("CURRENT") && cursor.peek(1).isKeyword("ROW")) {
      cursor.next();
      cursor.next();
      return FrameBound.of(BoundKind.CURRENT_ROW);
    }
    Expr offset = expressions.parse(Precedence.BITWISE_OR);
    if (cursor.matchKeyword("PRECEDING")) {
      return new FrameBound(BoundKind.PRECEDING, offset);
    }
    if (cursor.matchKeyword("FOLLOWING")) {
      return new FrameBound(BoundKind.FOLLOWING, offset);
    }
    throw cursor.error("'PRECEDING'", "'FOLLOWING'");
  }
}
