package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;

/** Input column {@code ordinal} of the chunk being evaluated; produced when a plan is bound for execution. */
public final class BoundReference extends LeafExpression {
    private final int ordinal;
    private final DataType dataType;
    private final boolean nullable;
    private final String name;

    public BoundReference(int ordinal, DataType dataType, boolean nullable, String name) {
        this.ordinal = ordinal;
        this.dataType = dataType;
        this.nullable = nullable;
        this.name = name;
    }

    public int ordinal() {
        return ordinal;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public boolean nullable() {
        return nullable;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        return input.column(ordinal);
    }

    @Override
    public String sql() {
        return name;
    }
}
