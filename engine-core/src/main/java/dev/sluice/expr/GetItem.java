package dev.sluice.expr;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.MapType;

/**
 * {@code array[index]} (0-based; NULL when out of range, as Spark's {@code col.getItem}) or
 * {@code map[key]} (NULL when absent).
 */
public final class GetItem extends BinaryExpression {
    public GetItem(Expression collection, Expression key) {
        super(collection, key);
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new GetItem(newLeft, newRight);
    }

    @Override
    public DataType dataType() {
        DataType t = left.dataType();
        return t instanceof ArrayType a ? a.elementType() : ((MapType) t).valueType();
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public String sql() {
        return left.sql() + "[" + right.sql() + "]";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector collection = left.eval(input);
        ColumnVector key = right.eval(input);
        int n = input.rowCount();
        ColumnVector out = ColumnVector.allocate(dataType(), n);
        for (int i = 0; i < n; i++) {
            if (collection.isNull(i) || key.isNull(i)) {
                out.appendNull();
            } else if (collection instanceof ArrayVector a) {
                int index = key.getInt(i);
                if (index < 0 || index >= a.length(i)) {
                    out.appendNull();
                } else {
                    out.appendFrom(a.elements(), a.offset(i) + index);
                }
            } else {
                MapVector m = (MapVector) collection;
                int found = -1;
                for (int e = m.offset(i); e < m.offset(i) + m.length(i); e++) {
                    if (ValueOrdering.compare(m.keys(), e, key, i) == 0) {
                        found = e;
                        break;
                    }
                }
                if (found < 0) {
                    out.appendNull();
                } else {
                    out.appendFrom(m.values(), found);
                }
            }
        }
        return out;
    }
}
