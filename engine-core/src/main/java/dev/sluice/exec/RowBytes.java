package dev.sluice.exec;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.Row;
import dev.sluice.sql.types.StructType;
import dev.sluice.state.RowCodec;
import java.time.ZoneOffset;
import java.util.List;

/**
 * External {@link Row}s of one schema to and from the state store's binary row layout ({@link RowCodec}).
 * Immutable and thread-safe.
 */
public final class RowBytes {
    private final StructType schema;
    private final RowCodec codec;

    public RowBytes(StructType schema) {
        this.schema = schema;
        this.codec = new RowCodec(schema);
    }

    public StructType schema() {
        return schema;
    }

    public byte[] encode(Row row) {
        Chunk c = JavaValues.toChunks(List.of(row), schema, ZoneOffset.UTC).get(0);
        return codec.encode(c.columns(), 0);
    }

    public Row decode(byte[] bytes) {
        ColumnVector[] columns = new ColumnVector[schema.length()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnVector.allocate(schema.apply(i).dataType(), 1);
        }
        codec.decodeInto(bytes, columns);
        return JavaValues.toRows(List.of(new Chunk(1, columns)), schema).get(0);
    }
}
