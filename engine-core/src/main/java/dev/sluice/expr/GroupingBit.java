package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;

/**
 * {@code grouping(c)} over grouping sets: bit {@code shift} of the grouping id, as a tinyint (1 when the row's set
 * leaves {@code c} out). Never null, as Spark's {@code Cast(BitwiseAnd(ShiftRight(gid, shift), 1), ByteType)} on
 * the non-nullable id. Stateless and thread-safe.
 */
public final class GroupingBit extends UnaryExpression {
    private final int shift;
    private final String column;

    /** {@code id} is the bigint grouping id; {@code column} is the SQL of the grouping column, for {@link #sql()}. */
    public GroupingBit(Expression id, int shift, String column) {
        super(id);
        this.shift = shift;
        this.column = column;
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new GroupingBit(newChild, shift, column);
    }

    @Override
    public DataType dataType() {
        return DataTypes.ByteType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String sql() {
        return "grouping(" + column + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector id = child.eval(input);
        int n = input.rowCount();
        ColumnVector out = ColumnVector.allocate(DataTypes.ByteType, Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            out.appendInt((int) ((id.getLong(i) >>> shift) & 1L));
        }
        return out;
    }
}
