package dev.sluice.expr;

import java.util.List;

/**
 * Builds a resolved expression from resolved arguments. Implementations check arity and types and throw
 * {@link dev.sluice.sql.AnalysisException} (via {@link FunctionRegistry} helpers) with Spark's error class
 * on a bad call; they insert implicit casts where Spark would.
 */
@FunctionalInterface
public interface FunctionBuilder {
    Expression build(List<Expression> arguments, FunctionContext context);
}
