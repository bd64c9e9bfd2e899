package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.CaseWhen;
import dev.sluice.sqllite.ast.Cast;
import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.FunctionCall;
import dev.sluice.sqllite.ast.LambdaFunction;
import dev.sluice.sqllite.ast.Parameter;
import dev.sluice.sqllite.ast.ReservedWords;
import dev.sluice.sqllite.ast.Star;
import dev.sluice.sqllite.ast.WhenClause;
import dev.sluice.sqllite.ast.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses primary expressions: literals, names, stars, function calls, {@code CASE}, {@code CAST},
 * lambdas and parenthesized expressions. Keywords are only treated as such where the following
 * token makes that unambiguous, so {@code date}, {@code timestamp} or {@code interval} can still
 * be column names. Single-use and not thread-safe.
 */
final class PrimaryExpressionParser {

  /** Functions Spark lets you call without parentheses. */
  private static final Set<String> PARENTHESIS_FREE_FUNCTIONS =
      Set.of("CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME", "CURRENT_USER");

  private final TokenCursor cursor;
  private final ExpressionParser expressions;
  private final TypeParser typeParser;
  private final LiteralParser literals;
  private final WindowSpecParser windowSpecParser;

  PrimaryExpressionParser(TokenCursor cursor, ExpressionParser expressions,
      TypeParser typeParser, LiteralParser literals) {
    this.cursor = cursor;
    this.expressions = expressions;
    this.typeParser = typeParser;
    this.literals = literals;
    this.windowSpecParser = new WindowSpecParser(cursor, expressions);
  }

  /** Parses the primary expression at the current token. */
  Expr parsePrimary() {
    Token token = cursor.peek();
    return switch (token.type()) {
      case NUMBER -> literals.number(cursor.next(), false);
      case STRING -> literals.string();
      case STAR -> {
        cursor.next();
        yield new Star(List.of());
      }
      case LEFT_PAREN -> parseParenthesized();
      case QUOTED_IDENTIFIER -> parseNameOrCall();
      case IDENTIFIER -> parseWord(token);
      case QUESTION -> {
        String[] offsetAndIndex = cursor.next().value().split(",");
        yield Parameter.positional(Integer.parseInt(offsetAndIndex[0]), Integer.parseInt(offsetAndIndex[1]));
      }
      case COLON -> {
        cursor.next();
        yield Parameter.named(cursor.identifier());
      }
      default -> throw cursor.error("an expression");
    };
  }

  private Expr parseWord(Token token) {
    Expr keywordExpression = parseKeywordExpression(token.keyword(), cursor.peek(1));
    if (keywordExpression != null) {
      return keywordExpression;
    }
    if (ReservedWords.isReserved(token.text())) {
      throw cursor.error("an expression");
    }
    return parseNameOrCall();
  }

  /** Parses a keyword-led expression, or returns null when the word is just a name here. */
  private Expr parseKeywordExpression(String keyword, Token following) {
    switch (keyword) {
      case "TRUE", "FALSE", "NULL":
        return literals.keywordLiteral(cursor.next());
      case "CASE":
        return parseCase();
      case "CAST", "TRY_CAST":
        return following.type() == TokenType.LEFT_PAREN ? parseCast() : null;
      case "DATE", "TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ":
        return following.type() == TokenType.STRING ? literals.typedLiteral() : null;
      case "INTERVAL":
        return literals.atIntervalLiteral() ? literals.interval() : null;
      default:
        boolean parenthesisFree = PARENTHESIS_FREE_FUNCTIONS.contains(keyword)
            && following.type() != TokenType.LEFT_PAREN && following.type() != TokenType.DOT;
        return parenthesisFree ? FunctionCall.of(cursor.next().text()) : null;
    }
  }

  private Expr parseParenthesized() {
    if (atParenthesizedLambda()) {
      return parseLambda();
    }
    cursor.next();
    Expr inner = expressions.parseExpression();
    cursor.expect(TokenType.RIGHT_PAREN);
    return inner;
  }

  /** Parses a column reference {@code a.b.c}, a star {@code a.*} or a call {@code f(...)}. */
  private Expr parseNameOrCall() {
    if (cursor.peek(1).type() == TokenType.ARROW) {
      return parseLambda();
    }
    List<String> parts = new ArrayList<>();
    parts.add(cursor.next().value());
    while (cursor.at(TokenType.DOT)) {
      Token afterDot = cursor.peek(1);
      if (afterDot.type() == TokenType.STAR) {
        cursor.next();
        cursor.next();
        return new Star(parts);
      }
      if (!afterDot.isIdentifier()) {
        break;
      }
      cursor.next();
      parts.add(cursor.next().value());
    }
    if (cursor.at(TokenType.LEFT_PAREN)) {
      return parseFunctionCall(String.join(".", parts));
    }
    return new ColumnRef(parts);
  }

  private Expr parseFunctionCall(String name) {
    cursor.expect(TokenType.LEFT_PAREN);
    boolean distinct = cursor.matchKeyword("DISTINCT");
    List<Expr> arguments = distinct || !cursor.at(TokenType.RIGHT_PAREN)
        ? expressions.parseExpressionList()
        : List.of();
    expressions.expectClosingParenthesis();
    WindowSpec over = null;
    if (cursor.atKeyword("OVER") && cursor.peek(1).type() == TokenType.LEFT_PAREN) {
      cursor.next();
      over = windowSpecParser.parseWindowSpec();
    }
    return new FunctionCall(name, arguments, distinct, over);
  }

  private Expr parseCase() {
    cursor.expectKeyword("CASE");
    Expr operand = cursor.atKeyword("WHEN") ? null : expressions.parseExpression();
    List<WhenClause> branches = new ArrayList<>();
    do {
      cursor.expectKeyword("WHEN");
      Expr condition = expressions.parseExpression();
      cursor.expectKeyword("THEN");
      branches.add(new WhenClause(condition, expressions.parseExpression()));
    } while (cursor.atKeyword("WHEN"));
    Expr elseValue = cursor.matchKeyword("ELSE") ? expressions.parseExpression() : null;
    if (!cursor.matchKeyword("END")) {
      throw elseValue == null
          ? cursor.error("'WHEN'", "'ELSE'", "'END'")
          : cursor.error("'END'");
    }
    return new CaseWhen(operand, branches, elseValue);
  }

  private Expr parseCast() {
    boolean tryCast = cursor.next().isKeyword("TRY_CAST");
    cursor.expect(TokenType.LEFT_PAREN);
    Expr child = expressions.parseExpression();
    cursor.expectKeyword("AS");
    Cast cast = new Cast(child, typeParser.parseType(), tryCast);
    cursor.expect(TokenType.RIGHT_PAREN);
    return cast;
  }

  /** Whether the input continues with {@code (name, ...) ->}. */
  private boolean atParenthesizedLambda() {
    int ahead = 1;
    while (cursor.peek(ahead).isIdentifier()) {
      TokenType after = cursor.peek(ahead + 1).type();
      if (after == TokenType.RIGHT_PAREN) {
        return cursor.peek(ahead + 2).type() == TokenType.ARROW;
      }
      if (after != TokenType.COMMA) {
        return false;
      }
      ahead += 2;
    }
    return false;
  }

  private Expr parseLambda() {
    List<String> parameters;
    if (cursor.match(TokenType.LEFT_PAREN)) {
      parameters = expressions.commaSeparated(cursor::identifier);
      cursor.expect(TokenType.RIGHT_PAREN);
    } else {
      parameters = List.of(cursor.identifier());
    }
    cursor.expect(TokenType.ARROW);
    return new LambdaFunction(parameters, expressions.parseExpression());
  }
}
