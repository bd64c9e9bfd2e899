package dev.sluice.expr.window;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lag(x[, offset[, default]])} / {@code lead(...)}: the value {@code offset} rows before/after the
 * current row in its ordered partition, or {@code default} (NULL if absent) when out of the partition.
 */
public final class OffsetFunction extends Expression {
    private final Expression input;
    private final int offset;
    private final Expression defaultValue;
    private final boolean lead;

    public OffsetFunction(Expression input, int offset, Expression defaultValue, boolean lead) {
        this.input = input;
        this.offset = offset;
        this.defaultValue = defaultValue;
        this.lead = lead;
    }

    public Expression input() {
        return input;
    }

    /** Rows after the current one (negative for lag). */
    public int signedOffset() {
        return lead ? offset : -offset;
    }

    /** The default expression, or null. */
    public Expression defaultValue() {
        return defaultValue;
    }

    @Override
    public List<Expression> children() {
        List<Expression> c = new ArrayList<>();
        c.add(input);
        if (defaultValue != null) {
            c.add(defaultValue);
        }
        return c;
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
        return new OffsetFunction(c.get(0), offset, c.size() > 1 ? c.get(1) : null, lead);
    }

    @Override
    public boolean nullable() {
        // Spark's Lag/Lead: null when out of the partition unless a non-null default is given.
        return defaultValue == null || defaultValue.nullable() || input.nullable();
    }

    @Override
    public DataType dataType() {
        return input.dataType();
    }

    @Override
    public String prettyName() {
        return lead ? "lead" : "lag";
    }

    /** Never folded to a constant: its value depends on the window's other rows, even over a literal. */
    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public String sql() {
        return prettyName() + "(" + input.sql() + ", " + offset + ", " + (defaultValue == null ? "NULL" : defaultValue.sql()) + ")";
    }

    @Override
    public ColumnVector eval(Chunk in) {
        throw new UnsupportedOperationException(sql() + " is only valid in a window (use .over(...))");
    }
}
