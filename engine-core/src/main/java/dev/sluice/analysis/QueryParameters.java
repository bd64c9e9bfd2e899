package dev.sluice.analysis;

import dev.sluice.expr.Expression;
import dev.sluice.expr.ParameterMarker;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a parameterized query, as Spark's {@code sql(sqlText, args)}: either positional (bound to the
 * {@code ?} markers in text order; extra arguments are ignored) or named (bound to {@code :name} markers,
 * case-sensitively). A marker of the other kind, or one without an argument, stays unbound and analysis fails with
 * {@code UNBOUND_SQL_PARAMETER} naming it, as Spark 4.1 does. Immutable.
 */
public final class QueryParameters {
    /** No arguments: every marker is unbound. */
    public static final QueryParameters NONE = new QueryParameters(List.of(), Map.of());

    private final List<Expression> positional;
    private final Map<String, Expression> named;

    private QueryParameters(List<Expression> positional, Map<String, Expression> named) {
        this.positional = List.copyOf(positional);
        this.named = Map.copyOf(named);
    }

    /** Arguments for {@code ?} markers, in order (each a literal expression). */
    public static QueryParameters positional(List<Expression> args) {
        return new QueryParameters(args, Map.of());
    }

    /** Arguments for {@code :name} markers, by name (each a literal expression). */
    public static QueryParameters named(Map<String, Expression> args) {
        return new QueryParameters(List.of(), args);
    }

    /** The argument bound to {@code e} when it is a marker with one; {@code e} itself otherwise. */
    Expression bind(Expression e) {
        if (!(e instanceof ParameterMarker p)) {
            return e;
        }
        Expression arg = p.positional() ? (p.index() < positional.size() ? positional.get(p.index()) : null)
                : named.get(p.name());
        return arg == null ? e : arg;
    }
}
