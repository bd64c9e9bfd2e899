package dev.sluice.connectors.socket;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StringVector;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines a socket source has received and not yet seen committed, with their arrival times, in two parallel
 * arrays (no per-line holder object, no boxed timestamps). Line {@code i} of the buffer has offset
 * {@code base + 1 + i}: the offset of a line is a counter over every line the query has received, as in Spark's
 * socket source, and {@code base} is the offset of the last line dropped by {@link #dropThrough}.
 *
 * <p>Not thread-safe: {@link TextSocketSource} guards it with its own lock.
 */
final class LineBuffer {
    private String[] lines = new String[64];
    private long[] arrivalMicros = new long[64];
    private int head;
    private int size;
    private long base;

    LineBuffer(long base) {
        this.base = base;
    }

    /** The offset of the last dropped line (-1 when none was ever dropped in this query). */
    long base() {
        return base;
    }

    /** The offset of the newest line, or {@link #base()} when the buffer is empty. */
    long lastOffset() {
        return base + size;
    }

    int size() {
        return size;
    }

    void append(String line, long micros) {
        if (head + size == lines.length) {
            grow();
        }
        lines[head + size] = line;
        arrivalMicros[head + size] = micros;
        size++;
    }

    /** Re-numbers the buffered lines so that the first one gets offset {@code newBase + 1}. */
    void rebase(long newBase) {
        base = newBase;
    }

    /** Forgets every line up to and including {@code offset} (already processed and committed). */
    void dropThrough(long offset) {
        int drop = (int) Math.min(size, Math.max(0, offset - base));
        Arrays.fill(lines, head, head + drop, null);
        head += drop;
        size -= drop;
        base = offset;
        if (size == 0) {
            head = 0;
        }
    }

    /**
     * The lines with offsets in {@code (from, to]} as chunks: column {@code value}, plus {@code timestamp} when
     * {@code withTimestamp}. The caller has checked that the range is buffered.
     */
    List<Chunk> chunks(long from, long to, boolean withTimestamp) {
        List<Chunk> out = new ArrayList<>();
        int first = head + (int) (from - base);
        int end = head + (int) (to - base);
        for (int start = first; start < end; start += Chunk.DEFAULT_ROWS) {
            int rows = Math.min(Chunk.DEFAULT_ROWS, end - start);
            StringVector values = new StringVector(rows);
            for (int i = 0; i < rows; i++) {
                values.appendObject(lines[start + i]);
            }
            if (withTimestamp) {
                long[] micros = Arrays.copyOfRange(arrivalMicros, start, start + rows);
                ColumnVector times = LongVector.wrap(DataTypes.TimestampType, micros, rows, null);
                out.add(new Chunk(rows, values, times));
            } else {
                out.add(new Chunk(rows, values));
            }
        }
        return out;
    }

    private void grow() {
        if (head > lines.length / 2) {
            // Most of the array is already dropped: slide the live lines down instead of growing.
            System.arraycopy(lines, head, lines, 0, size);
            System.arraycopy(arrivalMicros, head, arrivalMicros, 0, size);
            Arrays.fill(lines, size, head + size, null);
            head = 0;
            return;
        }
        lines = Arrays.copyOf(lines, lines.length * 2);
        arrivalMicros = Arrays.copyOf(arrivalMicros, arrivalMicros.length * 2);
    }
}
