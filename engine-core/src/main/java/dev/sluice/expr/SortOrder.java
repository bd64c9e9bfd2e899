package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;

/**
 * A sort key: ascending with nulls first, or descending with nulls last, by default (Spark's defaults).
 */
public final class SortOrder extends UnaryExpression {
    private final boolean ascending;
    private final boolean nullsFirst;

    public SortOrder(Expression child, boolean ascending, boolean nullsFirst) {
        super(child);
        this.ascending = ascending;
        this.nullsFirst = nullsFirst;
    }

    /** Spark's default null placement for the direction. */
    public static SortOrder of(Expression child, boolean ascending) {
        return new SortOrder(child, ascending, ascending);
    }

    public boolean ascending() {
        return ascending;
    }

    public boolean nullsFirst() {
        return nullsFirst;
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new SortOrder(newChild, ascending, nullsFirst);
    }

    @Override
    public boolean resolved() {
        return child.resolved();
    }

    @Override
    public DataType dataType() {
        return child.dataType();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        return child.eval(input);
    }

    @Override
    public String sql() {
        return child.sql() + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
}
