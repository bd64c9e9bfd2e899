package dev.sluice.sql;

import dev.sluice.analysis.QueryParameters;
import dev.sluice.expr.Expression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the arguments of {@code sql(sqlText, args)} into bound literals, as Spark's: each Java value becomes a
 * literal as {@code functions.lit} makes it; a {@link Column} must be a literal or a constructor of literals
 * ({@code array}, {@code map}, {@code struct}, ...), never a column reference ({@code INVALID_SQL_ARG}). Stateless.
 */
final class SqlArguments {
    private SqlArguments() {
    }

    static QueryParameters positional(Object[] args) {
        List<Expression> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            out.add(literal(String.valueOf(i), args[i]));
        }
        return QueryParameters.positional(out);
    }

    static QueryParameters named(Map<String, ?> args) {
        Map<String, Expression> out = new LinkedHashMap<>();
        args.forEach((name, value) -> out.put(name, literal(name, value)));
        return QueryParameters.named(out);
    }

    private static Expression literal(String name, Object value) {
        Expression e = Column.toExpression(value);
        if (e.exists(x -> x instanceof dev.sluice.expr.UnresolvedAttribute || x instanceof dev.sluice.expr.UnresolvedStar
                || x instanceof dev.sluice.expr.AttributeReference)) {
            throw new AnalysisException("INVALID_SQL_ARG", "The argument " + name + " of `sql()` is invalid. Consider"
                    + " to replace it either by a SQL literal or by collection constructor functions such as `map()`,"
                    + " `array()`, `struct()`.", "42K08");
        }
        return e;
    }
}
