package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.Expr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Parses a {@code GROUP BY} clause with Spark's grouping analytics: plain expressions, {@code ROLLUP(...)},
 * {@code CUBE(...)}, {@code GROUPING SETS(...)} (an element is an expression or a parenthesized, possibly empty,
 * list of them) and the trailing {@code WITH ROLLUP}/{@code WITH CUBE}. Items combine as Spark's: the grouping sets
 * of the clause are the cartesian product of each item's sets (a plain expression is the one set of itself).
 * Single-use and not thread-safe.
 */
final class GroupByParser {

  /** The grouping expressions (distinct, in order of appearance) and the grouping sets, or null sets. */
  record GroupBy(List<Expr> expressions, List<List<Expr>> sets) {
  }

  private final TokenCursor cursor;
  private final ExpressionParser expressions;

  GroupByParser(TokenCursor cursor, ExpressionParser expressions) {
    this.cursor = cursor;
    this.expressions = expressions;
  }

  /** Parses what follows {@code GROUP BY}. */
  GroupBy parse() {
    boolean analytics = false;
    List<List<List<Expr>>> items = new ArrayList<>();
    List<Expr> plain = new ArrayList<>();
    do {
      List<List<Expr>> sets = parseItem();
      if (sets == null) {
        Expr e = expressions.parseExpression();
        plain.add(e);
        items.add(List.of(List.of(e)));
      } else {
        analytics = true;
        items.add(sets);
      }
    } while (cursor.match(TokenType.COMMA));
    if (cursor.atKeyword("WITH") && (cursor.peek(1).isKeyword("ROLLUP") || cursor.peek(1).isKeyword("CUBE"))) {
      cursor.next();
      boolean rollup = cursor.next().isKeyword("ROLLUP");
      if (analytics) {
        throw cursor.error("end of GROUP BY: WITH " + (rollup ? "ROLLUP" : "CUBE") + " needs plain expressions");
      }
      List<List<Expr>> singletons = plain.stream().map(List::of).toList();
      items = List.of(rollup ? rollup(singletons) : cube(singletons));
      analytics = true;
    }
    List<Expr> all = new ArrayList<>(new LinkedHashSet<>(items.stream().flatMap(List::stream)
        .flatMap(List::stream).toList()));
    if (!analytics) {
      return new GroupBy(plain, null);
    }
    List<List<Expr>> product = List.of(List.of());
    for (List<List<Expr>> item : items) {
      List<List<Expr>> next = new ArrayList<>();
      for (List<Expr> left : product) {
        for (List<Expr> right : item) {
          LinkedHashSet<Expr> set = new LinkedHashSet<>(left);
          set.addAll(right);
          next.add(List.copyOf(set));
        }
      }
      product = next;
    }
    return new GroupBy(all, product);
  }

  /** The sets of a ROLLUP/CUBE/GROUPING SETS item at the cursor, or null when it is a plain expression. */
  private List<List<Expr>> parseItem() {
    boolean call = cursor.peek(1).type() == TokenType.LEFT_PAREN;
    if (call && cursor.atKeyword("ROLLUP")) {
      cursor.next();
      return rollup(parseElements());
    }
    if (call && cursor.atKeyword("CUBE")) {
      cursor.next();
      return cube(parseElements());
    }
    if (cursor.atKeyword("GROUPING") && cursor.peek(1).isKeyword("SETS")) {
      cursor.next();
      cursor.next();
      return parseElements();
    }
    return null;
  }

  /** {@code ( element, ... )} where an element is an expression or a parenthesized list of them. */
  private List<List<Expr>> parseElements() {
    cursor.expect(TokenType.LEFT_PAREN);
    cursor.enterNesting();
    List<List<Expr>> elements = expressions.commaSeparated(this::parseElement);
    expressions.expectClosingParenthesis();
    cursor.exitNesting(1);
    return elements;
  }

  private List<Expr> parseElement() {
    if (!cursor.at(TokenType.LEFT_PAREN)) {
      return List.of(expressions.parseExpression());
    }
    cursor.next();
    if (cursor.match(TokenType.RIGHT_PAREN)) {
      return List.of();
    }
    List<Expr> list = expressions.parseExpressionList();
    expressions.expectClosingParenthesis();
    return list;
  }

  /** Spark's ROLLUP: every prefix of the elements, longest first. */
  static List<List<Expr>> rollup(List<List<Expr>> elements) {
    List<List<Expr>> sets = new ArrayList<>();
    for (int length = elements.size(); length >= 0; length--) {
      sets.add(flatten(elements.subList(0, length)));
    }
    return sets;
  }

  /** Spark's CUBE: every subset of the elements, the full set first. */
  static List<List<Expr>> cube(List<List<Expr>> elements) {
    int n = elements.size();
    List<List<Expr>> sets = new ArrayList<>();
    for (int mask = (1 << n) - 1; mask >= 0; mask--) {
      List<List<Expr>> chosen = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << (n - 1 - i))) != 0) {
          chosen.add(elements.get(i));
        }
      }
      sets.add(flatten(chosen));
    }
    return sets;
  }

  private static List<Expr> flatten(List<List<Expr>> elements) {
    return List.copyOf(new LinkedHashSet<>(elements.stream().flatMap(List::stream).toList()));
  }
}
