package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import java.util.List;

/** {@code *} or {@code a.*}: expands to every column (or every field of struct / relation {@code a}). */
public final class UnresolvedStar extends LeafExpression {
    private final List<String> qualifier;

    public UnresolvedStar(List<String> qualifier) {
        this.qualifier = List.copyOf(qualifier);
    }

    public List<String> qualifier() {
        return qualifier;
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
        return qualifier.isEmpty() ? "*" : String.join(".", qualifier) + ".*";
    }
}
