package dev.sluice.exec;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.BoundReference;
import dev.sluice.expr.Expression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces attribute references by input ordinals, once, when a physical operator is built. Clock functions
 * stay as they are: they read the {@link dev.sluice.expr.QueryTime} of each execution when evaluated.
 */
public final class Binder {
    private Binder() {
    }

    /** Binds {@code expression} to the columns of {@code input}; every referenced attribute must be there. */
    public static Expression bind(Expression expression, List<AttributeReference> input) {
        Map<Long, Integer> ordinals = new HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            ordinals.putIfAbsent(input.get(i).exprId(), i);
        }
        return expression.transformUp(e -> {
            if (e instanceof AttributeReference a) {
                Integer ordinal = ordinals.get(a.exprId());
                if (ordinal == null) {
                    throw new IllegalStateException("attribute " + a.name() + "#" + a.exprId()
                            + " is not produced by the input " + input.stream().map(x -> x.name() + "#" + x.exprId()).toList());
                }
                return new BoundReference(ordinal, a.dataType(), a.nullable(), a.name());
            }
            return e;
        });
    }

    /** Binds every expression of a list. */
    public static List<Expression> bindAll(List<? extends Expression> expressions, List<AttributeReference> input) {
        return expressions.stream().map(e -> bind(e, input)).toList();
    }
}
