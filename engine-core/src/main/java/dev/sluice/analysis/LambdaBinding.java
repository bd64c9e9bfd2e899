package dev.sluice.analysis;

import dev.sluice.expr.Expression;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.expr.lambda.HigherOrderFunctions;
import dev.sluice.expr.lambda.LambdaFunction;
import dev.sluice.expr.lambda.LambdaVariable;
import dev.sluice.expr.lambda.UnresolvedLambda;
import dev.sluice.sql.AnalysisException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the lambdas of a higher-order function call, as Spark's {@code ResolveLambdaVariables}: the parameters
 * get the types the function gives them, then the body is resolved in a scope where they shadow columns (and the
 * parameters of enclosing lambdas) of the same name, case-insensitively. Errors: {@code
 * INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH}, {@code .DUPLICATE_ARG_NAMES}, and {@code
 * .NON_HIGHER_ORDER_FUNCTION} for a lambda passed to any other function. Stateless apart from its resolver.
 */
final class LambdaBinding implements HigherOrderFunctions.LambdaBinder {
    private final ExpressionResolver resolver;

    LambdaBinding(ExpressionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public LambdaFunction bind(Expression lambdaOrExpression, List<HigherOrderFunctions.Parameter> parameters) {
        if (!(lambdaOrExpression instanceof UnresolvedLambda lambda)) {
            // A plain expression (already resolved) is a function that ignores its parameters.
            List<LambdaVariable> hidden = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                hidden.add(new LambdaVariable("col" + i, parameters.get(i).type(), parameters.get(i).nullable()));
            }
            return new LambdaFunction(lambdaOrExpression, hidden, true);
        }
        List<String> names = lambda.parameters();
        if (names.size() != parameters.size()) {
            // Spark's parameters: the lambda's own count as "expected", the function's as "actual".
            throw new AnalysisException("INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH", "Invalid lambda function"
                    + " call. A higher order function expects " + names.size() + " arguments, but got "
                    + parameters.size() + ".", "42K0D");
        }
        Map<String, LambdaVariable> scope = new LinkedHashMap<>();
        List<LambdaVariable> variables = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            LambdaVariable variable = new LambdaVariable(names.get(i), parameters.get(i).type(),
                    parameters.get(i).nullable());
            variables.add(variable);
            scope.put(ExpressionResolver.lower(names.get(i)), variable);
        }
        if (scope.size() < names.size()) {
            throw new AnalysisException("INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES", "Invalid lambda function"
                    + " call. The lambda function has duplicate arguments " + String.join(", ", names.stream()
                    .map(n -> "`" + ExpressionResolver.lower(n) + "`").toList()) + ". Please, consider to rename the"
                    + " argument names or set \"spark.sql.caseSensitive\" to \"true\".", "42K0D");
        }
        Expression body = resolver.withLambdaVariables(scope).resolve(lambda.body());
        return new LambdaFunction(body, variables, false);
    }

    /** Fails when a lambda is an argument of {@code call}, which is not a higher-order function. */
    static void rejectLambdas(UnresolvedFunction call) {
        for (Expression argument : call.arguments()) {
            if (argument instanceof UnresolvedLambda) {
                throw new AnalysisException("INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION", "Invalid lambda"
                        + " function call. A lambda function should only be used in a higher order function. However,"
                        + " its class is `" + call.name() + "`, which is not a higher order function.", "42K0D");
            }
        }
    }
}
