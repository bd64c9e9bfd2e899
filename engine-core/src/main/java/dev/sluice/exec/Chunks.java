package dev.sluice.exec;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/** Helpers over lists of chunks: concatenation, selection, splitting. Stateless. */
public final class Chunks {
    private Chunks() {
    }

    /** Total number of rows. */
    public static long rowCount(List<Chunk> chunks) {
        long n = 0;
        for (Chunk c : chunks) {
            n += c.rowCount();
        }
        return n;
    }

    /** One chunk holding every row of {@code chunks} (of the given column types) in order. */
    public static Chunk concat(List<Chunk> chunks, List<DataType> types) {
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        int total = (int) rowCount(chunks);
        ColumnVector[] columns = new ColumnVector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ColumnVector.allocate(types.get(c), total);
            for (Chunk chunk : chunks) {
                ColumnVector source = chunk.column(c);
                for (int r = 0; r < chunk.rowCount(); r++) {
                    columns[c].appendFrom(source, r);
                }
            }
        }
        return new Chunk(total, columns);
    }

    /**
     * Every row of {@code chunks} in one chunk with the columns of {@code output}: an empty chunk of those
     * column types when there are none.
     */
    public static Chunk gather(List<Chunk> chunks, List<dev.sluice.expr.AttributeReference> output) {
        List<DataType> types = output.stream().map(dev.sluice.expr.AttributeReference::dataType).toList();
        if (chunks.isEmpty()) {
            ColumnVector[] empty = new ColumnVector[types.size()];
            for (int i = 0; i < empty.length; i++) {
                empty[i] = ColumnVector.allocate(types.get(i), 1);
            }
            return new Chunk(0, empty);
        }
        return concat(chunks, types);
    }

    /** Splits a big chunk into chunks of at most {@link Chunk#DEFAULT_ROWS} rows. */
    public static List<Chunk> split(Chunk chunk) {
        if (chunk.rowCount() <= Chunk.DEFAULT_ROWS) {
            return chunk.rowCount() == 0 ? List.of() : List.of(chunk);
        }
        List<Chunk> out = new ArrayList<>();
        for (int from = 0; from < chunk.rowCount(); from += Chunk.DEFAULT_ROWS) {
            out.add(chunk.copyRange(from, Math.min(chunk.rowCount(), from + Chunk.DEFAULT_ROWS)));
        }
        return out;
    }

    /** The rows where {@code mask} is true (NULL counts as false), or the chunk itself when all match. */
    public static Chunk select(Chunk chunk, ColumnVector mask) {
        boolean[] values = ((BooleanVector) mask).values();
        int n = chunk.rowCount();
        int[] rows = new int[Math.max(n, 1)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] && !mask.isNull(i)) {
                rows[count++] = i;
            }
        }
        return count == n ? chunk : chunk.take(rows, count);
    }

    /** Gathers {@code rows}, where a negative index yields a NULL row. */
    public static ColumnVector takeOrNull(ColumnVector vector, int[] rows, int count) {
        ColumnVector out = ColumnVector.allocate(vector.type(), count);
        for (int i = 0; i < count; i++) {
            if (rows[i] < 0) {
                out.appendNull();
            } else {
                out.appendFrom(vector, rows[i]);
            }
        }
        return out;
    }
}
