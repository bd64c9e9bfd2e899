package dev.sluice.batch;

import java.util.Arrays;
import java.util.List;

/**
 * A horizontal slice of a table: one {@link ColumnVector} per column, all of {@link #rowCount()} rows.
 * The unit that flows between operators (a few thousand rows each). Immutable once built: operators
 * create new chunks (a projection shares the vectors it keeps) and never modify a chunk they received,
 * so chunks can be shared across threads after publication.
 */
public final class Chunk {
    /** The preferred number of rows per chunk produced by sources and operators. */
    public static final int DEFAULT_ROWS = 4096;

    private final int rowCount;
    private final ColumnVector[] columns;

    public Chunk(int rowCount, ColumnVector... columns) {
        for (ColumnVector c : columns) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException(
                        "column of type " + c.type().simpleString() + " has " + c.size() + " rows, chunk has " + rowCount);
            }
        }
        this.rowCount = rowCount;
        this.columns = columns.clone();
    }

    public Chunk(int rowCount, List<ColumnVector> columns) {
        this(rowCount, columns.toArray(new ColumnVector[0]));
    }

    public int rowCount() {
        return rowCount;
    }

    /** An estimate of the heap the chunk's values take, in bytes (see {@link ColumnVector#estimatedBytes()}). */
    public long estimatedBytes() {
        long bytes = 16;
        for (int c = 0; c < columnCount(); c++) {
            bytes += column(c).estimatedBytes();
        }
        return bytes;
    }

    public int columnCount() {
        return columns.length;
    }

    public ColumnVector column(int index) {
        return columns[index];
    }

    /** The columns as a new array (vectors are shared). */
    public ColumnVector[] columns() {
        return columns.clone();
    }

    /** A new chunk with the rows at {@code rows[0..count)} (copying gather). */
    public Chunk take(int[] rows, int count) {
        ColumnVector[] taken = new ColumnVector[columns.length];
        for (int i = 0; i < columns.length; i++) {
            taken[i] = columns[i].take(rows, count);
        }
        return new Chunk(count, taken);
    }

    /** A new chunk with rows {@code [from, to)}. */
    public Chunk copyRange(int from, int to) {
        ColumnVector[] copied = new ColumnVector[columns.length];
        for (int i = 0; i < columns.length; i++) {
            copied[i] = columns[i].copyRange(from, to);
        }
        return new Chunk(to - from, copied);
    }

    /** A chunk with the chosen columns, in that order (vectors are shared, not copied). */
    public Chunk project(int[] columnIndexes) {
        ColumnVector[] kept = new ColumnVector[columnIndexes.length];
        for (int i = 0; i < columnIndexes.length; i++) {
            kept[i] = columns[columnIndexes[i]];
        }
        return new Chunk(rowCount, kept);
    }

    @Override
    public String toString() {
        return "Chunk(" + rowCount + " rows, " + Arrays.toString(columns) + ")";
    }
}
