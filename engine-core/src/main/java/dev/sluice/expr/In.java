package dev.sluice.expr;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value IN (e1, e2, ...)}: true on a match, else NULL if the value or any list item is NULL,
 * else false (SQL semantics). All children share one type (the analyzer casts them).
 */
public final class In extends Expression {
    private final Expression value;
    private final List<Expression> list;

    public In(Expression value, List<Expression> list) {
        this.value = value;
        this.list = List.copyOf(list);
    }

    @Override
    public List<Expression> children() {
        List<Expression> all = new ArrayList<>(list.size() + 1);
        all.add(value);
        all.addAll(list);
        return all;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new In(newChildren.get(0), newChildren.subList(1, newChildren.size()));
    }

    /** As Spark's {@code In}: null only when the value or a list element may be. */
    @Override
    public boolean nullable() {
        return value.nullable() || list.stream().anyMatch(Expression::nullable);
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public String sql() {
        StringBuilder sb = new StringBuilder("(").append(value.sql()).append(" IN (");
        for (int i = 0; i < list.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(list.get(i).sql());
        }
        return sb.append("))").toString();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int n = input.rowCount();
        ColumnVector v = value.eval(input);
        ColumnVector[] items = new ColumnVector[list.size()];
        for (int k = 0; k < items.length; k++) {
            items[k] = list.get(k).eval(input);
        }
        boolean[] out = new boolean[Math.max(n, 1)];
        boolean[] nulls = null;
        for (int i = 0; i < n; i++) {
            if (v.isNull(i)) {
                nulls = setNull(nulls, out.length, i);
                continue;
            }
            boolean sawNull = false;
            for (ColumnVector item : items) {
                if (item.isNull(i)) {
                    sawNull = true;
                } else if (ValueOrdering.compare(v, i, item, i) == 0) {
                    out[i] = true;
                    break;
                }
            }
            if (!out[i] && sawNull) {
                nulls = setNull(nulls, out.length, i);
            }
        }
        return BooleanVector.wrap(out, n, nulls);
    }

    private static boolean[] setNull(boolean[] nulls, int length, int i) {
        boolean[] out = nulls == null ? new boolean[length] : nulls;
        out[i] = true;
        return out;
    }
}
