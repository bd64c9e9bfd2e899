package dev.sluice.expr.lambda;

import dev.sluice.expr.Expression;
import dev.sluice.expr.UnresolvedFunction;
import java.util.List;
import java.util.Map;

/**
 * Spark's text of a not yet resolved lambda body, as its error messages print it before the higher-order
 * function could bind the parameters: operators infix ({@code (x + 1)}), names as written. Stateless.
 */
final class UnresolvedSql {
    private static final Map<String, String> INFIX = Map.ofEntries(
            Map.entry("+", "+"), Map.entry("-", "-"), Map.entry("*", "*"), Map.entry("/", "/"),
            Map.entry("%", "%"), Map.entry("div", "div"), Map.entry("=", "="), Map.entry("==", "="),
            Map.entry("<", "<"), Map.entry("<=", "<="), Map.entry(">", ">"), Map.entry(">=", ">="),
            Map.entry("<=>", "<=>"), Map.entry("and", "AND"), Map.entry("or", "OR"), Map.entry("&", "&"),
            Map.entry("|", "|"), Map.entry("^", "^"));

    private UnresolvedSql() {
    }

    static String of(Expression e) {
        if (!(e instanceof UnresolvedFunction f)) {
            return e.sql();
        }
        List<Expression> args = f.arguments();
        String symbol = INFIX.get(f.name());
        if (symbol != null && args.size() == 2) {
            return "(" + of(args.get(0)) + " " + symbol + " " + of(args.get(1)) + ")";
        }
        if ((f.name().equals("<>") || f.name().equals("!=")) && args.size() == 2) {
            return "(NOT (" + of(args.get(0)) + " = " + of(args.get(1)) + "))";
        }
        if (f.name().equals("not") && args.size() == 1) {
            return "(NOT " + of(args.get(0)) + ")";
        }
        if (f.name().equals("negative") && args.size() == 1) {
            return "(- " + of(args.get(0)) + ")";
        }
        if (f.name().equals("isnull") && args.size() == 1) {
            return "(" + of(args.get(0)) + " IS NULL)";
        }
        if (f.name().equals("isnotnull") && args.size() == 1) {
            return "(" + of(args.get(0)) + " IS NOT NULL)";
        }
        StringBuilder sb = new StringBuilder(f.name()).append('(');
        for (int i = 0; i < args.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(of(args.get(i)));
        }
        return sb.append(')').toString();
    }
}
