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

    /** Parses a dotted name with backquotes, e.g. {@code a.b} or {@code `my col`}. */
    public static UnresolvedAttribute quoted(String name) {
        return new UnresolvedAttribute(dev.sluice.sql.catalyst.parser.ParseException.parsing(
                () -> dev.sluice.sqllite.SqlParser.parseMultipartIdentifier(name)));
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
