package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A function invocation such as {@code count(*)}, {@code count(DISTINCT a, b)},
 * {@code current_timestamp} (no parentheses needed for the {@code current_*} functions) or the
 * window function {@code sum(x) OVER (PARTITION BY a ORDER BY b)}. Immutable.
 *
 * @param name the function name as written (case preserved), dot-joined when qualified as in
 *     {@code db.fn}; never null
 * @param arguments the arguments; {@code count(*)} has the single argument {@code Star([])}
 * @param distinct whether the arguments are preceded by {@code DISTINCT}
 * @param over the window specification of an {@code OVER (...)} clause; null when absent
 */
public record FunctionCall(String name, List<Expr> arguments, boolean distinct, WindowSpec over)
    implements Expr {

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  /** Copies the arguments and checks that the name is present. */
  public FunctionCall {
    Objects.requireNonNull(name, "name");
    arguments = List.copyOf(arguments);
  }

  /** Creates a plain call (no {@code DISTINCT}, no window) of {@code name} with arguments. */
  public static FunctionCall of(String name, Expr... arguments) {
    return new FunctionCall(name, List.of(arguments), false, null);
  }

  @Override
  public String toString() {
    String renderedName = PLAIN_NAME.matcher(name).matches()
        ? name : "`" + name.replace("`", "``") + "`";
    String call = renderedName + "(" + (distinct ? "DISTINCT " : "")
        + SqlText.commaSeparated(arguments) + ")";
    return over == null ? call : call + " OVER (" + over + ")";
  }
}
