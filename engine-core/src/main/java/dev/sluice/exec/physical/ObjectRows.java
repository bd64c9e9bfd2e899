package dev.sluice.exec.physical;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.Binder;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.NamedExpression;
import dev.sluice.sql.Row;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * The deserializer of a typed operator, bound once: evaluates its expressions over a chunk (vectorized, as any
 * projection) and hands out the result as external rows, the form encoders read. Immutable and thread-safe.
 */
final class ObjectRows {
    private final List<Expression> bound;
    private final StructType schema;

    ObjectRows(List<Expression> deserializer, List<AttributeReference> input) {
        this.bound = Binder.bindAll(deserializer, input);
        List<StructField> fields = new ArrayList<>();
        for (Expression e : deserializer) {
            String name = e instanceof NamedExpression n ? n.name() : e.sql();
            fields.add(new StructField(name, e.dataType(), e.nullable()));
        }
        this.schema = new StructType(fields);
    }

    /** The rows of {@code chunk} as the typed function reads them. */
    List<Row> rows(Chunk chunk) {
        ColumnVector[] columns = new ColumnVector[bound.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = bound.get(i).eval(chunk);
        }
        return JavaValues.toRows(List.of(new Chunk(chunk.rowCount(), columns)), schema);
    }

    /** A user function's failure: runtime exceptions as they are, checked ones wrapped (naming the operation). */
    static RuntimeException failure(String operation, Exception e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("Exception thrown in the function of " + operation + ": " + e, e);
    }
}
