package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import java.util.List;
import java.util.Locale;

/**
 * A call of a function or operator by name before analysis; the analyzer looks the name up in the
 * {@link FunctionRegistry} once its arguments are resolved. Operators use their symbol as the name
 * ({@code +}, {@code =}, {@code and}); {@code CASE WHEN} uses {@code casewhen} with arguments
 * {@code [cond1, value1, cond2, value2, ..., else?]}.
 */
public final class UnresolvedFunction extends Expression {
    private final String name;
    private final List<Expression> arguments;
    private final boolean distinct;

    public UnresolvedFunction(String name, List<Expression> arguments, boolean distinct) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.arguments = List.copyOf(arguments);
        this.distinct = distinct;
    }

    public UnresolvedFunction(String name, Expression... arguments) {
        this(name, List.of(arguments), false);
    }

    public String name() {
        return name;
    }

    public List<Expression> arguments() {
        return arguments;
    }

    public boolean distinct() {
        return distinct;
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new UnresolvedFunction(name, newChildren, distinct);
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public DataType dataType() {
        throw Unresolved.notResolved(this);
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw Unresolved.notResolved(this);
    }

    @Override
    public String sql() {
        StringBuilder sb = new StringBuilder(name).append('(');
        if (distinct) {
            sb.append("DISTINCT ");
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(arguments.get(i).sql());
        }
        return sb.append(')').toString();
    }
}
