package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.Between;
import dev.sluice.sqllite.ast.BinaryOp;
import dev.sluice.sqllite.ast.BinaryOperator;
import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.In;
import dev.sluice.sqllite.ast.IsNull;
import dev.sluice.sqllite.ast.Like;
import dev.sluice.sqllite.ast.LikeKind;
import dev.sluice.sqllite.ast.UnaryOp;
import dev.sluice.sqllite.ast.UnaryOperator;
import java.util.List;

/**
 * Parses the predicates that follow a value: {@code IS [NOT] NULL},
 * {@code IS [NOT] DISTINCT FROM}, {@code [NOT] IN (...)}, {@code [NOT] BETWEEN ... AND ...} and
 * {@code [NOT] LIKE/ILIKE/RLIKE/REGEXP}. Operands bind tighter than comparisons, so the
 * {@code AND} of {@code BETWEEN} is never mistaken for a conjunction. Single-use, not thread-safe.
 */
final class PredicateParser {

  private static final int OPERAND_PRECEDENCE = Precedence.COMPARISON + 1;

  private final TokenCursor cursor;
  private final ExpressionParser expressions;

  PredicateParser(TokenCursor cursor, ExpressionParser expressions) {
    this.cursor = cursor;
    this.expressions = expressions;
  }

  /** Parses the predicate that starts at the current token and applies it to {@code value}. */
  Expr parsePredicate(Expr value) {
    if (cursor.matchKeyword("IS")) {
      return parseIs(value);
    }
    boolean negated = cursor.matchKeyword("NOT");
    String keyword = cursor.next().keyword();
    return switch (keyword) {
      case "IN" -> parseIn(value, negated);
      case "BETWEEN" -> parseBetween(value, negated);
      case "LIKE" -> parseLike(value, LikeKind.LIKE, negated);
      case "ILIKE" -> parseLike(value, LikeKind.ILIKE, negated);
      case "RLIKE", "REGEXP" -> parseLike(value, LikeKind.RLIKE, negated);
      default -> throw new IllegalStateException("not a predicate: " + keyword);
    };
  }

  private Expr parseIs(Expr value) {
    boolean negated = cursor.matchKeyword("NOT");
    if (cursor.matchKeyword("NULL")) {
      return new IsNull(value, negated);
    }
    if (cursor.matchKeyword("DISTINCT")) {
      cursor.expectKeyword("FROM");
      Expr other = expressions.parse(OPERAND_PRECEDENCE);
      Expr nullSafeEqual = new BinaryOp(BinaryOperator.NULL_SAFE_EQUAL, value, other);
      return negated ? nullSafeEqual : new UnaryOp(UnaryOperator.NOT, nullSafeEqual);
    }
    throw cursor.error("'NULL'", "'DISTINCT'");
  }

  private Expr parseIn(Expr value, boolean negated) {
    cursor.expect(TokenType.LEFT_PAREN);
    List<Expr> list = expressions.parseExpressionList();
    expressions.expectClosingParenthesis();
    return new In(value, list, negated);
  }

  private Expr parseBetween(Expr value, boolean negated) {
    Expr lower = expressions.parse(OPERAND_PRECEDENCE);
    cursor.expectKeyword("AND");
    Expr upper = expressions.parse(OPERAND_PRECEDENCE);
    return new Between(value, lower, upper, negated);
  }

  private Expr parseLike(Expr value, LikeKind kind, boolean negated) {
    Expr pattern = expressions.parse(OPERAND_PRECEDENCE);
    Character escape = null;
    if (kind != LikeKind.RLIKE && cursor.atKeyword("ESCAPE")) {
      cursor.next();
      Token escapeToken = cursor.expect(TokenType.STRING);
      if (escapeToken.value().length() != 1) {
        throw cursor.errorAt(escapeToken, "a single-character string");
      }
      escape = escapeToken.value().charAt(0);
    }
    return new Like(value, pattern, kind, negated, escape);
  }
}
