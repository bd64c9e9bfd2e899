package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import java.util.List;

/** A column referenced by name before analysis: {@code a}, {@code t.a}, {@code a.b.c} (parts). */
public final class UnresolvedAttribute extends LeafExpression {
    private final List<String> nameParts;

    public UnresolvedAttribute(List<String> nameParts) {
        if (nameParts.isEmpty()) {
            throw new IllegalArgumentException("empty column name");
        }
        this.nameParts = List.copyOf(nameParts);
    }

    /**
     * A column name as {@code col(name)} takes it (Spark's {@code parseAttributeName}): split on dots outside
     * back-quotes, any other character kept as written ({@code col("max(b)")} and {@code col("1")} name columns of
     * those names), a doubled back-quote inside quotes is one back-quote. A dangling back-quote, a back-quote inside
     * an unquoted part or an empty part fails with {@code INVALID_ATTRIBUTE_NAME_SYNTAX}.
     */
    public static UnresolvedAttribute quoted(String name) {
        return new UnresolvedAttribute(parseAttributeName(name));
    }

    /** The name parts of {@code name} (see {@link #quoted}). */
    public static List<String> parseAttributeName(String name) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean inBackticks = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (inBackticks) {
                if (c != '`') {
                    part.append(c);
                } else if (i + 1 < name.length() && name.charAt(i + 1) == '`') {
                    part.append('`');
                    i++;
                } else {
                    inBackticks = false;
                    if (i + 1 < name.length() && name.charAt(i + 1) != '.') {
                        throw attributeNameSyntaxError(name);
                    }
                }
            } else if (c == '`') {
                if (part.length() > 0) {
                    throw attributeNameSyntaxError(name);
                }
                inBackticks = true;
            } else if (c == '.') {
                if (i == 0 || name.charAt(i - 1) == '.' || i == name.length() - 1) {
                    throw attributeNameSyntaxError(name);
                }
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (inBackticks) {
            throw attributeNameSyntaxError(name);
        }
        parts.add(part.toString());
        return parts;
    }

    private static dev.sluice.sql.AnalysisException attributeNameSyntaxError(String name) {
        return new dev.sluice.sql.AnalysisException("INVALID_ATTRIBUTE_NAME_SYNTAX", "Syntax error in the attribute"
                + " name: " + name + ". Check that backticks appear in pairs, a quoted string is a complete name part"
                + " and use a backtick only inside quoted name parts.", "42601");
    }

    public List<String> nameParts() {
        return nameParts;
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
        return String.join(".", nameParts);
    }
}
