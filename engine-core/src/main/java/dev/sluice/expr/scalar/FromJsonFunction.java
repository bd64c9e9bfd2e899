package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * {@code from_json(json, schema)}: each row's JSON read straight into the result's vectors by a
 * {@link JsonVectorReader}. When the argument is {@code CAST(b AS STRING)} of a binary {@code b} (a Kafka record's
 * {@code value}, the usual form), the reader parses {@code b}'s bytes with Jackson's UTF-8 parser
 * ({@link JsonVectorReader#readUtf8}) instead of the cast's String: the same result, value for value and error for
 * error (bytes that are not plain UTF-8, and records that do not parse cleanly, go through the cast's String), without
 * the String and its char copy. The argument (and so the column name and {@code explain()}) stays the cast.
 * Immutable and thread-safe.
 */
final class FromJsonFunction extends ScalarFunction {
    private final JsonVectorReader reader;

    FromJsonFunction(Expression json, DataType schema, JsonVectorReader reader) {
        super("from_json", List.of(json), schema);
        this.reader = reader;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new FromJsonFunction(newChildren.get(0), dataType(), reader);
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        Expression json = children().get(0);
        int rows = input.rowCount();
        ColumnVector out = ColumnVector.allocate(dataType(), rows);
        if (json instanceof Cast cast && cast.child().dataType() instanceof BinaryType) {
            ColumnVector bytes = cast.child().eval(input);
            for (int row = 0; row < rows; row++) {
                if (bytes.isNull(row)) {
                    out.appendNull();
                } else {
                    reader.readUtf8(bytes.getBinary(row), out);
                }
            }
            return out;
        }
        ColumnVector in = json.eval(input);
        for (int row = 0; row < rows; row++) {
            if (in.isNull(row)) {
                out.appendNull();
            } else {
                reader.read(in.getString(row), out);
            }
        }
        return out;
    }
}
