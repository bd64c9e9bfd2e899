package dev.sluice.connectors.jdbc;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Comparison;
import dev.sluice.expr.Expression;
import dev.sluice.expr.In;
import dev.sluice.expr.IsNull;
import dev.sluice.expr.Logical;
import dev.sluice.expr.Not;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StringType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates the simple parts of an engine filter into a SQL {@code WHERE} clause with bound parameters:
 * comparisons of a column with a constant ({@code = <> < <= > >= <=>}), {@code IS [NOT] NULL}, {@code IN} with
 * constants, and {@code AND}/{@code OR}/{@code NOT} of those. Top-level conjuncts that cannot be translated
 * stay in the engine only.
 *
 * <p>Correctness rule: the database may return more rows than the engine filter keeps (the engine re-applies
 * the whole filter), never fewer. String comparisons depend on the column's collation (MariaDB's default is
 * case-insensitive, and ignores trailing spaces), so only string equality and {@code IN} are pushed (a
 * collation can only make them match more rows), never ordering comparisons, and never under {@code NOT}.
 * Stateless.
 */
final class JdbcFilters {
    /** A translated condition: SQL text with {@code ?} placeholders, and the values to bind, in order. */
    record Fragment(String sql, List<Object> parameters, boolean exact) {
    }

    /** What was pushed: one SQL clause per pushed conjunct, their parameters, and their engine SQL for plans. */
    record Pushed(List<String> clauses, List<Object> parameters, List<String> shown) {
        static final Pushed NONE = new Pushed(List.of(), List.of(), List.of());

        Pushed and(Pushed more) {
            return new Pushed(concat(clauses, more.clauses), concat(parameters, more.parameters),
                    concat(shown, more.shown));
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }
    }

    private final Map<Long, JdbcColumn> columns;
    private final JdbcDialect dialect;
    private final ZoneId zone;

    /** @param columns the relation's columns by the expression id of their output attribute */
    JdbcFilters(Map<Long, JdbcColumn> columns, JdbcDialect dialect, ZoneId zone) {
        this.columns = Map.copyOf(columns);
        this.dialect = dialect;
        this.zone = zone;
    }

    /** The translatable top-level conjuncts of {@code condition}. */
    Pushed push(Expression condition) {
        List<Expression> conjuncts = new ArrayList<>();
        splitConjuncts(condition, conjuncts);
        List<String> clauses = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Expression conjunct : conjuncts) {
            Fragment f = translate(conjunct);
            if (f != null) {
                clauses.add(f.sql());
                parameters.addAll(f.parameters());
                shown.add(conjunct.sql());
            }
        }
        return new Pushed(List.copyOf(clauses), java.util.Collections.unmodifiableList(parameters), List.copyOf(shown));
    }

    private static void splitConjuncts(Expression e, List<Expression> out) {
        if (e instanceof Logical l && l.isAnd()) {
            splitConjuncts(l.left(), out);
            splitConjuncts(l.right(), out);
        } else {
            out.add(e);
        }
    }

    /** The fragment for {@code e}, or null when it (or a needed part of it) cannot be translated. */
    Fragment translate(Expression e) {
        if (e instanceof Comparison c) {
            return comparison(c);
        }
        if (e instanceof IsNull n && n.child() instanceof AttributeReference a && columns.containsKey(a.exprId())) {
            boolean negated = n.semanticEquals(new IsNull(a, true));
            return new Fragment(column(a) + (negated ? " IS NOT NULL" : " IS NULL"), List.of(), true);
        }
        if (e instanceof In in) {
            return in(in);
        }
        if (e instanceof Logical l) {
            Fragment left = translate(l.left());
            Fragment right = translate(l.right());
            if (l.isAnd()) {
                // Dropping one side of an AND widens it: still a superset, but no longer exact.
                if (left == null || right == null) {
                    Fragment kept = left != null ? left : right;
                    return kept == null ? null : new Fragment(kept.sql(), kept.parameters(), false);
                }
            } else if (left == null || right == null) {
                return null;
            }
            List<Object> parameters = new ArrayList<>(left.parameters());
            parameters.addAll(right.parameters());
            return new Fragment("(" + left.sql() + (l.isAnd() ? " AND " : " OR ") + right.sql() + ")", parameters,
                    left.exact() && right.exact());
        }
        if (e instanceof Not n) {
            Fragment child = translate(n.child());
            // NOT of a superset is a subset: only exact translations may be negated.
            return child == null || !child.exact() ? null : new Fragment("(NOT " + child.sql() + ")", child.parameters(),
                    true);
        }
        return null;
    }

    private Fragment comparison(Comparison c) {
        boolean columnLeft = isColumn(c.left()) && isConstant(c.right());
        boolean columnRight = isColumn(c.right()) && isConstant(c.left());
        if (!columnLeft && !columnRight) {
            return null;
        }
        AttributeReference a = (AttributeReference) (columnLeft ? c.left() : c.right());
        Expression constant = columnLeft ? c.right() : c.left();
        if (!a.dataType().equals(constant.dataType())) {
            return null;
        }
        boolean string = a.dataType() instanceof StringType;
        String op = switch (c.op()) {
            case EQUAL -> "=";
            case NULL_SAFE_EQUAL -> "<=>";
            case NOT_EQUAL -> string ? null : "<>";
            case LESS_THAN -> string ? null : (columnLeft ? "<" : ">");
            case LESS_THAN_OR_EQUAL -> string ? null : (columnLeft ? "<=" : ">=");
            case GREATER_THAN -> string ? null : (columnLeft ? ">" : "<");
            case GREATER_THAN_OR_EQUAL -> string ? null : (columnLeft ? ">=" : "<=");
        };
        if (op == null) {
            return null;
        }
        List<Object> parameters = new ArrayList<>(1);
        parameters.add(value(constant));
        String sql = op.equals("<=>") ? dialect.nullSafeEquals(column(a), "?") : column(a) + " " + op + " ?";
        return new Fragment(sql, parameters, !string);
    }

    private Fragment in(In in) {
        List<Expression> children = in.children();
        if (!isColumn(children.get(0)) || children.size() < 2) {
            return null;
        }
        AttributeReference a = (AttributeReference) children.get(0);
        List<Object> parameters = new ArrayList<>();
        for (Expression item : children.subList(1, children.size())) {
            if (!isConstant(item) || !item.dataType().equals(a.dataType())) {
                return null;
            }
            parameters.add(value(item));
        }
        String placeholders = "?, ".repeat(parameters.size() - 1) + "?";
        return new Fragment(column(a) + " IN (" + placeholders + ")", parameters,
                !(a.dataType() instanceof StringType));
    }

    private boolean isColumn(Expression e) {
        return e instanceof AttributeReference a && columns.containsKey(a.exprId());
    }

    private static boolean isConstant(Expression e) {
        return (e.foldable() || e instanceof dev.sluice.expr.Literal) && e.deterministic();
    }

    private String column(AttributeReference a) {
        return dialect.quoteIdentifier(columns.get(a.exprId()).name());
    }

    /** The constant's value as a JDBC parameter object. */
    private Object value(Expression constant) {
        DataType type = constant.dataType();
        Object internal = constant.eval(new Chunk(1)).getObject(0);
        return ValueBinders.toJdbcObject(internal, type, zone);
    }
}
