package dev.sluice.expr.generator;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.MapVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.UnaryExpression;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code explode(array|map)} and {@code posexplode}: one row per element (columns {@code col}, or
 * {@code key}/{@code value} for maps, preceded by {@code pos} for posexplode). NULL or empty input yields
 * no row (the {@code _outer} variants are handled by the Generate node).
 */
public final class Explode extends UnaryExpression implements Generator {
    private final boolean withPosition;
    private final boolean outer;

    public Explode(Expression child, boolean withPosition, boolean outer) {
        super(child);
        if (!(child.dataType() instanceof ArrayType) && !(child.dataType() instanceof MapType)) {
            throw dev.sluice.expr.FunctionRegistry.unexpectedType(prettyName(), 0, "(\"ARRAY\" or \"MAP\")", child);
        }
        this.withPosition = withPosition;
        this.outer = outer;
    }

    public boolean outer() {
        return outer;
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new Explode(newChild, withPosition, outer);
    }

    @Override
    public String prettyName() {
        return (withPosition ? "posexplode" : "explode") + (outer ? "_outer" : "");
    }

    @Override
    public DataType dataType() {
        List<StructField> schema = elementSchema();
        return schema.size() == 1 ? schema.get(0).dataType() : new dev.sluice.sql.types.StructType(schema);
    }

    @Override
    public List<StructField> elementSchema() {
        List<StructField> fields = new ArrayList<>();
        if (withPosition) {
            fields.add(new StructField("pos", DataTypes.IntegerType, false));
        }
        if (child.dataType() instanceof ArrayType a) {
            fields.add(new StructField("col", a.elementType(), a.containsNull()));
        } else {
            MapType m = (MapType) child.dataType();
            fields.add(new StructField("key", m.keyType(), false));
            fields.add(new StructField("value", m.valueType(), m.valueContainsNull()));
        }
        return fields;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw new UnsupportedOperationException(prettyName() + " must be planned as a Generate node");
    }

    @Override
    public Rows generate(Chunk input) {
        ColumnVector collection = child.eval(input);
        int n = input.rowCount();
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += collection.isNull(i) ? 0 : length(collection, i);
        }
        int[] parents = new int[Math.max(total, 1)];
        int[] rows = new int[Math.max(total, 1)];
        int[] positions = new int[Math.max(total, 1)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (collection.isNull(i)) {
                continue;
            }
            int start = offset(collection, i);
            int len = length(collection, i);
            for (int e = 0; e < len; e++) {
                parents[k] = i;
                rows[k] = start + e;
                positions[k] = e;
                k++;
            }
        }
        List<ColumnVector> columns = new ArrayList<>();
        if (withPosition) {
            columns.add(IntVector.wrap(DataTypes.IntegerType, positions, total, null));
        }
        if (collection instanceof ArrayVector a) {
            columns.add(a.elements().take(rows, total));
        } else {
            MapVector m = (MapVector) collection;
            columns.add(m.keys().take(rows, total));
            columns.add(m.values().take(rows, total));
        }
        return new Rows(Arrays.copyOf(parents, Math.max(total, 1)), total, columns.toArray(new ColumnVector[0]));
    }

    private static int length(ColumnVector v, int row) {
        return v instanceof ArrayVector a ? a.length(row) : ((MapVector) v).length(row);
    }

    private static int offset(ColumnVector v, int row) {
        return v instanceof ArrayVector a ? a.offset(row) : ((MapVector) v).offset(row);
    }

    /** Never folded to a constant: it yields rows, not a value (e.g. in {@code round(x, explode(...))}). */
    @Override
    public boolean foldable() {
        return false;
    }
}
