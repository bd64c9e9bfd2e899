package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.Objects;

/**
 * An anonymous function passed to a higher-order function, e.g. {@code x -> x + 1} or
 * {@code (acc, x) -> acc + x}. Immutable.
 *
 * @param parameters the parameter names; never empty
 * @param body the body, which refers to the parameters as {@link ColumnRef}s; never null
 */
public record LambdaFunction(List<String> parameters, Expr body) implements Expr {

  /** Copies the parameters and checks that there is at least one. */
  public LambdaFunction {
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(body, "body");
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("a lambda function needs at least one parameter");
    }
  }

  @Override
  public String toString() {
    List<String> quoted = parameters.stream().map(SqlText::identifier).toList();
    String renderedParameters = quoted.size() == 1
        ? quoted.get(0) : "(" + String.join(", ", quoted) + ")";
    return "(" + renderedParameters + " -> " + body + ")";
  }
}
