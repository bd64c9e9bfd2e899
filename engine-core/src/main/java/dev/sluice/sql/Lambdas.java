package dev.sluice.sql;

import dev.sluice.api.java.function.Function3;
import dev.sluice.expr.Expression;
import dev.sluice.expr.UnresolvedAttribute;
import dev.sluice.expr.lambda.UnresolvedLambda;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns the Java lambdas passed to the higher-order functions of {@link functions} into lambda expressions, as
 * Spark's {@code functions.createLambda}: the lambda is called once, right away, with placeholder columns
 * {@code x_N}, {@code y_N}, {@code z_N} (unique names, so nested lambdas never capture each other's variables),
 * and its result column is the body. Thread-safe.
 */
final class Lambdas {
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private Lambdas() {
    }

    static Column of(Function<Column, Column> f) {
        String x = fresh("x");
        return lambda(List.of(x), f.apply(variable(x)));
    }

    static Column of(BiFunction<Column, Column, Column> f) {
        String x = fresh("x");
        String y = fresh("y");
        return lambda(List.of(x, y), f.apply(variable(x), variable(y)));
    }

    static Column of(Function3<Column, Column, Column, Column> f) {
        String x = fresh("x");
        String y = fresh("y");
        String z = fresh("z");
        Column body;
        try {
            body = f.call(variable(x), variable(y), variable(z));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SluiceException("the lambda passed to map_zip_with failed while building its column: " + e,
                    e);
        }
        return lambda(List.of(x, y, z), body);
    }

    private static String fresh(String name) {
        return name + "_" + NEXT_ID.incrementAndGet();
    }

    private static Column variable(String name) {
        return new Column(new UnresolvedAttribute(List.of(name)));
    }

    private static Column lambda(List<String> parameters, Column body) {
        if (body == null) {
            throw new IllegalArgumentException("a lambda passed to a higher-order function returned null, not a"
                    + " Column");
        }
        Expression expression = body.expr();
        return new Column(new UnresolvedLambda(parameters, expression));
    }
}
