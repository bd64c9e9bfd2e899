package dev.sluice.expr.window;

import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.sql.AnalysisException;

/** Registers the ranking and offset window functions. */
public final class WindowFunctions {
    private WindowFunctions() {
    }

    public static void registerAll(FunctionRegistry r) {
        for (RankingFunction.Kind kind : RankingFunction.Kind.values()) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            r.register(name, (a, c) -> {
                FunctionRegistry.checkArity(name, a, 0, 0);
                return new RankingFunction(kind);
            });
        }
        r.register("lag", (a, c) -> offset("lag", a, c, false));
        r.register("lead", (a, c) -> offset("lead", a, c, true));
    }

    private static Expression offset(String name, java.util.List<Expression> a, dev.sluice.expr.FunctionContext c,
                                     boolean lead) {
        FunctionRegistry.checkArity(name, a, 1, 3);
        int offset = 1;
        if (a.size() > 1) {
            if (!(a.get(1) instanceof Literal l) || !(l.value() instanceof Integer i)) {
                throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The offset of `" + name
                        + "` must be an integer literal.", "42K09");
            }
            offset = i;
        }
        Expression defaultValue = a.size() > 2 ? Cast.castIfNeeded(a.get(2), a.get(0).dataType(), c) : null;
        return new OffsetFunction(a.get(0), offset, defaultValue, lead);
    }
}
