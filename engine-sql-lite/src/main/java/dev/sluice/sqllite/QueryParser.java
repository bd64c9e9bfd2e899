package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.JoinRelation;
import dev.sluice.sqllite.ast.JoinType;
import dev.sluice.sqllite.ast.Relation;
import dev.sluice.sqllite.ast.Select;
import dev.sluice.sqllite.ast.SortItem;
import dev.sluice.sqllite.ast.SubqueryRelation;
import dev.sluice.sqllite.ast.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code SELECT} statements and their {@code FROM} relations (tables, subqueries and
 * joins). Single-use and not thread-safe.
 */
final class QueryParser {

  private final TokenCursor cursor;
  private final ExpressionParser expressions;

  QueryParser(TokenCursor cursor) {
    this.cursor = cursor;
    this.expressions = new ExpressionParser(cursor);
  }

  /** Parses a whole statement: a query followed by optional semicolons. */
  Select parseStatement() {
    Select query = parseQuery();
    while (cursor.match(TokenType.SEMICOLON)) {
      // Spark accepts trailing semicolons after a statement.
    }
    return query;
  }

  private Select parseQuery() {
    cursor.enterNesting();
    cursor.expectKeyword("SELECT");
    boolean distinct = cursor.matchKeyword("DISTINCT");
    List<Expr> projections = expressions.commaSeparated(expressions::parseNamedExpression);
    Relation from = cursor.matchKeyword("FROM") ? parseRelation() : null;
    Expr where = cursor.matchKeyword("WHERE") ? expressions.parseExpression() : null;
    List<Expr> groupBy = List.of();
    List<List<Expr>> groupingSets = null;
    if (cursor.matchKeyword("GROUP")) {
      cursor.expectKeyword("BY");
      GroupByParser.GroupBy parsed = new GroupByParser(cursor, expressions).parse();
      groupBy = parsed.expressions();
      groupingSets = parsed.sets();
    }
    Expr having = cursor.matchKeyword("HAVING") ? expressions.parseExpression() : null;
    List<SortItem> orderBy = List.of();
    if (cursor.matchKeyword("ORDER")) {
      cursor.expectKeyword("BY");
      orderBy = expressions.parseSortItems();
    }
    Expr limit = cursor.matchKeyword("LIMIT") ? expressions.parseExpression() : null;
    cursor.exitNesting(1);
    return new Select(distinct, projections, from, where, groupBy, groupingSets, having, orderBy, limit);
  }

  private Relation parseRelation() {
    Relation relation = parseRelationPrimary();
    int joins = 0;
    while (true) {
      JoinType type = cursor.match(TokenType.COMMA) ? JoinType.CROSS : parseJoinType();
      if (type == null) {
        cursor.exitNesting(joins);
        return relation;
      }
      cursor.enterNesting();
      joins++;
      relation = parseJoinRest(relation, type);
    }
  }

  private Relation parseJoinRest(Relation left, JoinType type) {
    Relation right = parseRelationPrimary();
    Expr condition = null;
    List<String> usingColumns = List.of();
    if (cursor.matchKeyword("ON")) {
      condition = expressions.parseExpression();
    } else if (cursor.matchKeyword("USING")) {
      cursor.expect(TokenType.LEFT_PAREN);
      usingColumns = expressions.commaSeparated(cursor::identifier);
      expressions.expectClosingParenthesis();
    }
    return new JoinRelation(left, right, type, condition, usingColumns);
  }

  /** Consumes join keywords such as {@code LEFT OUTER JOIN}; returns null if there are none. */
  private JoinType parseJoinType() {
    JoinType type = parseJoinQualifier();
    if (type != null) {
      cursor.expectKeyword("JOIN");
    }
    return type;
  }

  /** Consumes the keywords before {@code JOIN} and returns the join type they denote. */
  private JoinType parseJoinQualifier() {
    if (cursor.atKeyword("JOIN") || cursor.matchKeyword("INNER")) {
      return JoinType.INNER;
    }
    if (cursor.matchKeyword("CROSS")) {
      return JoinType.CROSS;
    }
    if (cursor.matchKeyword("LEFT")) {
      if (cursor.matchKeyword("SEMI")) {
        return JoinType.LEFT_SEMI;
      }
      return cursor.matchKeyword("ANTI") ? JoinType.LEFT_ANTI : optionalOuter(JoinType.LEFT_OUTER);
    }
    if (cursor.matchKeyword("RIGHT")) {
      return optionalOuter(JoinType.RIGHT_OUTER);
    }
    if (cursor.matchKeyword("FULL")) {
      return optionalOuter(JoinType.FULL_OUTER);
    }
    if (cursor.matchKeyword("SEMI")) {
      return JoinType.LEFT_SEMI;
    }
    return cursor.matchKeyword("ANTI") ? JoinType.LEFT_ANTI : null;
  }

  private JoinType optionalOuter(JoinType type) {
    cursor.matchKeyword("OUTER");
    return type;
  }

  private Relation parseRelationPrimary() {
    if (cursor.at(TokenType.LEFT_PAREN)) {
      return parseParenthesizedRelation();
    }
    if (!cursor.atUnreservedIdentifier()) {
      throw cursor.error("a table name", "'('");
    }
    List<String> name = new ArrayList<>();
    name.add(cursor.next().value());
    while (cursor.match(TokenType.DOT)) {
      name.add(cursor.identifier());
    }
    return new TableRef(name, parseOptionalAlias());
  }

  private Relation parseParenthesizedRelation() {
    cursor.expect(TokenType.LEFT_PAREN);
    if (cursor.atKeyword("SELECT")) {
      Select query = parseQuery();
      cursor.expect(TokenType.RIGHT_PAREN);
      return new SubqueryRelation(query, parseOptionalAlias());
    }
    cursor.enterNesting();
    Relation inner = parseRelation();
    cursor.expect(TokenType.RIGHT_PAREN);
    cursor.exitNesting(1);
    return inner;
  }

  private String parseOptionalAlias() {
    if (cursor.matchKeyword("AS")) {
      return cursor.identifier();
    }
    return cursor.atBareAlias() ? cursor.next().value() : null;
  }
}
