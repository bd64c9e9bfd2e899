package dev.sluice.expr;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.regex.Pattern;

/**
 * {@code str LIKE pattern} ({@code _} one char, {@code %} any run, escape char {@code \}),
 * {@code ILIKE} (case-insensitive) and {@code RLIKE} (Java regex, found anywhere). A constant pattern is
 * compiled once; a pattern column is compiled per row.
 */
public final class Like extends BinaryExpression {
    /** The matching flavour. */
    public enum Kind { LIKE, ILIKE, RLIKE }

    private final Kind kind;
    private final char escape;
    private final Pattern constantPattern;

    public Like(Kind kind, Expression value, Expression pattern, char escape) {
        super(value, pattern);
        this.kind = kind;
        this.escape = escape;
        this.constantPattern = pattern instanceof Literal l && l.value() != null ? compile((String) l.value()) : null;
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new Like(kind, newLeft, newRight, escape);
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public String sql() {
        return left.sql() + " " + kind.name() + " " + right.sql();
    }

    private Pattern compile(String pattern) {
        if (kind == Kind.RLIKE) {
            try {
                return Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw ExecutionErrors.invalidRegex("rlike", pattern);
            }
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == escape && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append("(?s).*");
            } else if (c == '_') {
                regex.append("(?s).");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = kind == Kind.ILIKE ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        return Pattern.compile(regex.toString(), flags);
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector value = left.eval(input);
        ColumnVector pattern = constantPattern == null ? right.eval(input) : null;
        int n = input.rowCount();
        boolean[] out = new boolean[Math.max(n, 1)];
        boolean[] nulls = null;
        for (int i = 0; i < n; i++) {
            if (value.isNull(i) || (pattern != null && pattern.isNull(i)) || (pattern == null && constantPattern == null)) {
                if (nulls == null) {
                    nulls = new boolean[out.length];
                }
                nulls[i] = true;
                continue;
            }
            Pattern p = constantPattern != null ? constantPattern : compile(pattern.getString(i));
            var matcher = p.matcher(value.getString(i));
            out[i] = kind == Kind.RLIKE ? matcher.find() : matcher.matches();
        }
        return BooleanVector.wrap(out, n, nulls);
    }
}
