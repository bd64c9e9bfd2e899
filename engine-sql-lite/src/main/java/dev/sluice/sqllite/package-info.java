/**
 * Sluice SQL-lite: a dependency-free parser for the subset of Spark SQL that a streaming engine
 * needs — expressions, data types, DDL schemas and {@code SELECT} statements — with Spark 4.1
 * operator precedence and literal typing.
 *
 * <p>The entry point is {@link dev.sluice.sqllite.SqlParser}; it produces the immutable records of
 * {@link dev.sluice.sqllite.ast}. Malformed input raises {@link dev.sluice.sqllite.ParseException}
 * (and nothing else), carrying a Spark-style error condition, the line and column of the offending
 * token and what was expected there.
 *
 * <p>Implementation outline (all package-private): {@code Lexer} turns text into {@code Token}s;
 * {@code TokenCursor} walks them and guards the nesting depth; {@code ExpressionParser} is a Pratt
 * parser driven by {@code Precedence}, delegating to {@code PrimaryExpressionParser},
 * {@code PredicateParser}, {@code LiteralParser}, {@code NumberLiterals} and
 * {@code WindowSpecParser}; {@code TypeParser} parses types and schemas and {@code QueryParser}
 * parses queries. Parser objects are single-use; the public API is stateless and thread-safe.
 *
 * <p>Not supported (rejected with a {@code ParseException}): subqueries inside expressions,
 * {@code UNION}/{@code INTERSECT}/{@code EXCEPT}, {@code WITH}, named windows ({@code OVER w}),
 * {@code IS [NOT] TRUE/FALSE}, {@code FILTER (WHERE ...)}, {@code LIKE ANY/ALL},
 * {@code INTERVAL '1-2' YEAR TO MONTH}-style ranges, special-syntax functions such as
 * {@code EXTRACT(... FROM ...)} and {@code TRIM(BOTH ...)}, binary literals {@code X'..'}.
 */
package dev.sluice.sqllite;
