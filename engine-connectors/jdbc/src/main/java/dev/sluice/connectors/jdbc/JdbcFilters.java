package dev.sluice.connectors.jdbc;

import dev.sluice.sql.sources.And;
import dev.sluice.sql.sources.EqualNullSafe;
import dev.sluice.sql.sources.EqualTo;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.sources.GreaterThan;
import dev.sluice.sql.sources.GreaterThanOrEqual;
import dev.sluice.sql.sources.In;
import dev.sluice.sql.sources.IsNotNull;
import dev.sluice.sql.sources.IsNull;
import dev.sluice.sql.sources.LessThan;
import dev.sluice.sql.sources.LessThanOrEqual;
import dev.sluice.sql.sources.Not;
import dev.sluice.sql.sources.Or;
import dev.sluice.sql.types.StringType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates pushed filters ({@link Filter}, the engine's public filter model) into a SQL {@code WHERE} clause
 * with bound parameters: comparisons of a column with a constant ({@code = <> < <= > >= <=>}),
 * {@code IS [NOT] NULL}, {@code IN} with constants, and {@code AND}/{@code OR}/{@code NOT} of those. Filters
 * that cannot be translated stay in the engine only.
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

    private final Map<String, JdbcColumn> columns;
    private final JdbcDialect dialect;
    private final ZoneId zone;

    /** @param columns the relation's columns by their name in the relation's schema */
    JdbcFilters(Map<String, JdbcColumn> columns, JdbcDialect dialect, ZoneId zone) {
        this.columns = Map.copyOf(columns);
        this.dialect = dialect;
        this.zone = zone;
    }

    /** The translatable ones of {@code filters} (conjuncts). */
    Pushed push(List<Filter> filters) {
        List<String> clauses = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Filter filter : filters) {
            Fragment f = translate(filter);
            if (f != null) {
                clauses.add(f.sql());
                parameters.addAll(f.parameters());
                shown.add(filter.toString());
            }
        }
        return new Pushed(List.copyOf(clauses), java.util.Collections.unmodifiableList(parameters), List.copyOf(shown));
    }

    /** The fragment for {@code f}, or null when it (or a needed part of it) cannot be translated. */
    Fragment translate(Filter f) {
        if (f instanceof EqualTo c) {
            return comparison(c.attribute(), "=", c.value());
        } else if (f instanceof EqualNullSafe c) {
            return comparison(c.attribute(), "<=>", c.value());
        } else if (f instanceof LessThan c) {
            return comparison(c.attribute(), "<", c.value());
        } else if (f instanceof LessThanOrEqual c) {
            return comparison(c.attribute(), "<=", c.value());
        } else if (f instanceof GreaterThan c) {
            return comparison(c.attribute(), ">", c.value());
        } else if (f instanceof GreaterThanOrEqual c) {
            return comparison(c.attribute(), ">=", c.value());
        } else if (f instanceof IsNull n) {
            return nullTest(n.attribute(), " IS NULL");
        } else if (f instanceof IsNotNull n) {
            return nullTest(n.attribute(), " IS NOT NULL");
        } else if (f instanceof In in) {
            return in(in);
        } else if (f instanceof And and) {
            return logical(translate(and.left()), translate(and.right()), true);
        } else if (f instanceof Or or) {
            return logical(translate(or.left()), translate(or.right()), false);
        } else if (f instanceof Not not) {
            Fragment child = translate(not.child());
            // NOT of a superset is a subset: only exact translations may be negated.
            return child == null || !child.exact() ? null
                    : new Fragment("(NOT " + child.sql() + ")", child.parameters(), true);
        }
        return null;
    }

    private Fragment nullTest(String attribute, String test) {
        return columns.containsKey(attribute) ? new Fragment(column(attribute) + test, List.of(), true) : null;
    }

    private static Fragment logical(Fragment left, Fragment right, boolean isAnd) {
        if (isAnd) {
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
        return new Fragment("(" + left.sql() + (isAnd ? " AND " : " OR ") + right.sql() + ")", parameters,
                left.exact() && right.exact());
    }

    private Fragment comparison(String attribute, String op, Object value) {
        JdbcColumn column = columns.get(attribute);
        if (column == null) {
            return null;
        }
        boolean string = column.type() instanceof StringType;
        if (string && !op.equals("=") && !op.equals("<=>")) {
            return null;
        }
        List<Object> parameters = new ArrayList<>(1);
        parameters.add(ValueBinders.toJdbcObject(value, zone));
        String sql = op.equals("<=>") ? dialect.nullSafeEquals(column(attribute), "?") : column(attribute) + " " + op + " ?";
        return new Fragment(sql, parameters, !string);
    }

    private Fragment in(In in) {
        JdbcColumn column = columns.get(in.attribute());
        Object[] values = in.values();
        if (column == null || values.length == 0) {
            return null;
        }
        List<Object> parameters = new ArrayList<>();
        for (Object value : values) {
            parameters.add(ValueBinders.toJdbcObject(value, zone));
        }
        String placeholders = "?, ".repeat(parameters.size() - 1) + "?";
        return new Fragment(column(in.attribute()) + " IN (" + placeholders + ")", parameters,
                !(column.type() instanceof StringType));
    }

    private String column(String attribute) {
        return dialect.quoteIdentifier(columns.get(attribute).name());
    }
}
