package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;

/** {@code struct.field}: the child vector of a struct, with nulls where the struct itself is null. */
public final class GetStructField extends UnaryExpression {
    private final int ordinal;

    public GetStructField(Expression child, int ordinal) {
        super(child);
        this.ordinal = ordinal;
    }

    public int ordinal() {
        return ordinal;
    }

    /** The read field's metadata, which an alias of this expression inherits (as Spark's). */
    public dev.sluice.sql.types.Metadata fieldMetadata() {
        return ((StructType) child.dataType()).apply(ordinal).metadata();
    }

    public String fieldName() {
        return ((StructType) child.dataType()).apply(ordinal).name();
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new GetStructField(newChild, ordinal);
    }

    @Override
    public DataType dataType() {
        return ((StructType) child.dataType()).apply(ordinal).dataType();
    }

    @Override
    public boolean nullable() {
        return child.nullable() || ((StructType) child.dataType()).apply(ordinal).nullable();
    }

    @Override
    public String sql() {
        return child.sql() + "." + fieldName();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        StructVector struct = (StructVector) child.eval(input);
        ColumnVector field = struct.child(ordinal);
        if (!struct.mayHaveNulls()) {
            return field;
        }
        // A null struct already has null children (StructVector keeps them aligned), but structs built from
        // existing children may not: copy and mask.
        ColumnVector out = ColumnVector.allocate(field.type(), struct.size());
        for (int i = 0; i < struct.size(); i++) {
            if (struct.isNull(i)) {
                out.appendNull();
            } else {
                out.appendFrom(field, i);
            }
        }
        return out;
    }
}
