package dev.sluice.connectors.file;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.util.Arrays;

/**
 * Chunks read with a pruned schema ({@link dev.sluice.spi.SupportsReadSchemaPruning}) brought back to the full one:
 * columns and struct fields that were not read become null, the read ones are kept as they are (struct nullness
 * too). Stateless.
 */
final class PrunedChunks {
    private PrunedChunks() {
    }

    /**
     * {@code chunk}'s first {@code read.length()} columns (read as {@code read}) as the columns of {@code full}, the
     * columns after them (partition values) appended unchanged.
     */
    static Chunk pad(Chunk chunk, StructType read, StructType full) {
        int rows = chunk.rowCount();
        int trailing = chunk.columnCount() - read.length();
        ColumnVector[] columns = new ColumnVector[full.length() + trailing];
        for (int i = 0; i < full.length(); i++) {
            int at = read.indexOfIgnoreCase(full.apply(i).name());
            columns[i] = at < 0 ? nulls(full.apply(i).dataType(), rows) : pad(chunk.column(at), full.apply(i).dataType());
        }
        for (int i = 0; i < trailing; i++) {
            columns[full.length() + i] = chunk.column(read.length() + i);
        }
        return new Chunk(rows, columns);
    }

    private static ColumnVector pad(ColumnVector vector, DataType full) {
        if (vector.type().equals(full) || !(full instanceof StructType struct)
                || !(vector instanceof StructVector read)) {
            return vector;
        }
        StructType readType = (StructType) read.type();
        ColumnVector[] children = new ColumnVector[struct.length()];
        for (int i = 0; i < children.length; i++) {
            int at = readType.indexOfIgnoreCase(struct.apply(i).name());
            children[i] = at < 0 ? nulls(struct.apply(i).dataType(), read.size())
                    : pad(read.child(at), struct.apply(i).dataType());
        }
        return StructVector.of(struct, children, read.size(), read.nullsArray());
    }

    /** {@code rows} nulls of {@code type}, filled in bulk (no per-row appends, except inside arrays and maps). */
    static ColumnVector nulls(DataType type, int rows) {
        boolean[] allNull = new boolean[Math.max(rows, 1)];
        Arrays.fill(allNull, true);
        if (type instanceof StructType struct) {
            ColumnVector[] children = new ColumnVector[struct.length()];
            for (int i = 0; i < children.length; i++) {
                children[i] = nulls(struct.apply(i).dataType(), rows);
            }
            return StructVector.of(struct, children, rows, allNull);
        }
        ColumnVector v = ColumnVector.allocate(type, rows);
        if (v instanceof ArrayVector || v instanceof MapVector) {
            return ColumnVector.nulls(type, rows);
        }
        v.setSize(rows);
        v.setNullsArray(allNull);
        return v;
    }
}
