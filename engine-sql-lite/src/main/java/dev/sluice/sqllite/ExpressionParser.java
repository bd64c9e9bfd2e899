package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.Alias;
import dev.sluice.sqllite.ast.BinaryOp;
import dev.sluice.sqllite.ast.BinaryOperator;
import dev.sluice.sqllite.ast.Cast;
import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.FieldAccess;
import dev.sluice.sqllite.ast.NullOrdering;
import dev.sluice.sqllite.ast.SortItem;
import dev.sluice.sqllite.ast.Subscript;
import dev.sluice.sqllite.ast.UnaryOp;
import dev.sluice.sqllite.ast.UnaryOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Pratt parser for expressions: prefix operators, binary operators by {@link Precedence},
 * postfix operators and aliases. Primaries are delegated to {@link PrimaryExpressionParser} and
 * predicates to {@link PredicateParser}. Single-use and not thread-safe.
 */
final class ExpressionParser {

  private final TokenCursor cursor;
  private final TypeParser typeParser;
  private final LiteralParser literalParser;
  private final PrimaryExpressionParser primaryParser;
  private final PredicateParser predicateParser;

  ExpressionParser(TokenCursor cursor) {
    this.cursor = cursor;
    this.typeParser = new TypeParser(cursor);
    this.literalParser = new LiteralParser(cursor);
    this.primaryParser = new PrimaryExpressionParser(cursor, this, typeParser, literalParser);
    this.predicateParser = new PredicateParser(cursor, this);
  }

  /** Parses a complete expression (lowest precedence). */
  Expr parseExpression() {
    return parse(Precedence.OR);
  }

  /** Parses an expression with an optional alias: {@code AS x}, {@code AS (x, y)} or {@code x}. */
  Expr parseNamedExpression() {
    Expr expression = parseExpression();
    if (cursor.matchKeyword("AS")) {
      if (cursor.match(TokenType.LEFT_PAREN)) {
        List<String> names = commaSeparated(cursor::identifier);
        expectClosingParenthesis();
        return new Alias(expression, names);
      }
      return Alias.of(expression, cursor.identifier());
    }
    if (cursor.atBareAlias()) {
      return Alias.of(expression, cursor.next().value());
    }
    return expression;
  }

  /**
   * Parses an expression whose operators all bind at least as tightly as
   * {@code minimumPrecedence}.
   */
  Expr parse(int minimumPrecedence) {
    cursor.enterNesting();
    Expr left = parsePrefix(minimumPrecedence);
    int chainedOperators = 0;
    while (infixPrecedenceAtCursor() >= minimumPrecedence) {
      cursor.enterNesting();
      chainedOperators++;
      left = parseInfix(left, infixPrecedenceAtCursor());
    }
    cursor.exitNesting(chainedOperators + 1);
    return left;
  }

  /** Parses one or more comma-separated expressions. */
  List<Expr> parseExpressionList() {
    return commaSeparated(this::parseExpression);
  }

  /** Parses one or more comma-separated {@code ORDER BY} keys. */
  List<SortItem> parseSortItems() {
    return commaSeparated(this::parseSortItem);
  }

  /** Parses {@code item (, item)*}. */
  <T> List<T> commaSeparated(Supplier<T> item) {
    List<T> items = new ArrayList<>();
    do {
      items.add(item.get());
    } while (cursor.match(TokenType.COMMA));
    return items;
  }

  /** Consumes a {@code )} that closes a comma-separated list, or fails. */
  void expectClosingParenthesis() {
    if (!cursor.match(TokenType.RIGHT_PAREN)) {
      throw cursor.error("','", "')'");
    }
  }

  private SortItem parseSortItem() {
    Expr key = parseExpression();
    boolean ascending = !cursor.matchKeyword("DESC");
    if (ascending) {
      cursor.matchKeyword("ASC");
    }
    NullOrdering nullOrdering = NullOrdering.DEFAULT;
    if (cursor.matchKeyword("NULLS")) {
      if (cursor.matchKeyword("FIRST")) {
        nullOrdering = NullOrdering.NULLS_FIRST;
      } else if (cursor.matchKeyword("LAST")) {
        nullOrdering = NullOrdering.NULLS_LAST;
      } else {
        throw cursor.error("'FIRST'", "'LAST'");
      }
    }
    return new SortItem(key, ascending, nullOrdering);
  }

  private Expr parsePrefix(int minimumPrecedence) {
    Token token = cursor.peek();
    switch (token.type()) {
      case MINUS:
        cursor.next();
        return cursor.at(TokenType.NUMBER)
            ? literalParser.number(cursor.next(), true)
            : new UnaryOp(UnaryOperator.NEGATE, parse(Precedence.UNARY));
      case PLUS:
        cursor.next();
        return new UnaryOp(UnaryOperator.PLUS, parse(Precedence.UNARY));
      case TILDE:
        cursor.next();
        return new UnaryOp(UnaryOperator.BITWISE_NOT, parse(Precedence.UNARY));
      case BANG:
        return parseNot(minimumPrecedence);
      default:
        return token.isKeyword("NOT") ? parseNot(minimumPrecedence) : primaryParser.parsePrimary();
    }
  }

  /** Parses prefix {@code NOT}, which Spark only allows where a boolean expression may start. */
  private Expr parseNot(int minimumPrecedence) {
    if (minimumPrecedence > Precedence.NOT) {
      throw cursor.error("an expression");
    }
    cursor.next();
    return new UnaryOp(UnaryOperator.NOT, parse(Precedence.NOT));
  }

  /** Returns the precedence of the operator at the cursor, or {@link Precedence#NONE}. */
  private int infixPrecedenceAtCursor() {
    return Precedence.ofInfix(cursor.peek(), cursor.peek(1));
  }

  private Expr parseInfix(Expr left, int precedence) {
    if (precedence == Precedence.POSTFIX) {
      return parsePostfix(left);
    }
    if (Precedence.isPredicate(cursor.peek(), cursor.peek(1))) {
      return predicateParser.parsePredicate(left);
    }
    BinaryOperator operator = Precedence.binaryOperator(cursor.next());
    return new BinaryOp(operator, left, parse(precedence + 1));
  }

  private Expr parsePostfix(Expr base) {
    Token operator = cursor.next();
    switch (operator.type()) {
      case LEFT_BRACKET:
        Expr index = parseExpression();
        cursor.expect(TokenType.RIGHT_BRACKET);
        return new Subscript(base, index);
      case DOT:
        return new FieldAccess(base, cursor.identifier());
      case DOUBLE_COLON:
        return new Cast(base, typeParser.parseType(), false);
      default:
        throw new IllegalStateException("not a postfix operator: " + operator);
    }
  }
}
