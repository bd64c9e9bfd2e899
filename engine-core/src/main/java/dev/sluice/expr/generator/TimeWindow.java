package dev.sluice.expr.generator;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StructVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.UnaryExpression;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.List;

/**
 * {@code window(timeColumn, windowDuration[, slideDuration[, startTime]])}: the event-time windows a
 * timestamp falls in, as {@code struct<start: timestamp, end: timestamp>}. Window starts are aligned to
 * {@code startTime + k * slide} from the epoch (UTC), as Spark. A row belongs to
 * {@code ceil(window / slide)} candidate windows, keeping those with {@code start <= t < end}; rows with
 * a NULL time get no window. As a scalar (tumbling only) it returns the single window.
 */
public final class TimeWindow extends UnaryExpression implements Generator {
    /** The column name Spark gives to a window grouping. */
    public static final String COLUMN_NAME = "window";
    /** The output type. */
    public static final StructType TYPE = new StructType()
            .add("start", DataTypes.TimestampType, true)
            .add("end", DataTypes.TimestampType, true);

    private final long windowMicros;
    private final long slideMicros;
    private final long startMicros;

    public TimeWindow(Expression timeColumn, long windowMicros, long slideMicros, long startMicros) {
        super(timeColumn);
        if (!timeColumn.dataType().equals(DataTypes.TimestampType)) {
            throw dev.sluice.expr.FunctionRegistry.unexpectedType("window", 0, "\"TIMESTAMP\"", timeColumn);
        }
        if (windowMicros <= 0) {
            throw new AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "The window duration ("
                    + windowMicros + " microseconds) must be greater than 0.", "42K09");
        }
        if (slideMicros <= 0 || slideMicros > windowMicros) {
            throw new AnalysisException("DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", "The slide duration ("
                    + slideMicros + ") must be greater than 0 and less than or equal to the windowDuration ("
                    + windowMicros + ").", "42K09");
        }
        if (Math.abs(startMicros) >= slideMicros) {
            throw new AnalysisException("DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", "The absolute value of"
                    + " the start time (" + startMicros + ") must be less than the slideDuration (" + slideMicros
                    + ").", "42K09");
        }
        this.windowMicros = windowMicros;
        this.slideMicros = slideMicros;
        this.startMicros = startMicros;
    }

    public long windowMicros() {
        return windowMicros;
    }

    public long slideMicros() {
        return slideMicros;
    }

    public long startMicros() {
        return startMicros;
    }

    public boolean isTumbling() {
        return windowMicros == slideMicros;
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new TimeWindow(newChild, windowMicros, slideMicros, startMicros);
    }

    @Override
    public DataType dataType() {
        return TYPE;
    }

    /**
     * As Spark's analyzer builds it: a tumbling window is a struct built per row (never null), a sliding one an
     * attribute of Spark's {@code Expand} (declared nullable).
     */
    @Override
    public boolean nullable() {
        return !isTumbling();
    }

    @Override
    public String prettyName() {
        return "window";
    }

    @Override
    public String sql() {
        return COLUMN_NAME;
    }

    @Override
    public List<StructField> elementSchema() {
        return List.of(new StructField(COLUMN_NAME, TYPE, nullable()));
    }

    /** The start of the latest window containing {@code t}. */
    public long lastStart(long t) {
        return t - Math.floorMod(t - startMicros, slideMicros);
    }

    @Override
    public ColumnVector eval(Chunk input) {
        if (!isTumbling()) {
            throw new UnsupportedOperationException("sliding windows must be planned as a Generate node");
        }
        Rows rows = generate(input);
        StructVector windows = (StructVector) rows.columns()[0];
        return rows.count() == input.rowCount() ? windows
                : expandWithNulls(windows, rows.parentRows(), rows.count(), input.rowCount());
    }

    @Override
    public Rows generate(Chunk input) {
        return generate(input, null);
    }

    /**
     * {@link #generate}, writing the window starts and ends into {@code scratch[0]} and {@code scratch[1]} (replaced
     * there by larger arrays when too short) instead of new arrays: for a caller whose consumer never keeps a
     * generated vector past the chunk (a hash aggregation grouping by the window), so one thread's windows reuse the
     * same cache-warm arrays chunk after chunk. The result is valid only until the next call with the same scratch.
     * {@code scratch} null: fresh arrays, as {@link #generate}.
     */
    public Rows generate(Chunk input, long[][] scratch) {
        ColumnVector time = child.eval(input);
        int n = input.rowCount();
        int perRow = (int) ((windowMicros + slideMicros - 1) / slideMicros);
        int capacity = Math.max(n * perRow, 1);
        if (scratch != null && (scratch[0] == null || scratch[0].length < capacity)) {
            scratch[0] = new long[Math.max(capacity, dev.sluice.batch.Chunk.DEFAULT_ROWS)];
            scratch[1] = new long[scratch[0].length];
        }
        long[] starts = scratch != null ? scratch[0] : new long[capacity];
        long[] ends = scratch != null ? scratch[1] : new long[capacity];
        long[] times = ((LongVector) time).values();
        if (perRow == 1 && !time.mayHaveNulls()) {
            Rows rows = tumbling(times, n, starts, ends);
            if (rows != null) {
                return rows;
            }
        }
        int[] parents = new int[capacity];
        int k = 0;
        // Event times arrive mostly in order: the last window start found holds for every t in
        // [last, last + slide), which spares the division of lastStart for most rows.
        boolean cached = false;
        long last = 0;
        for (int i = 0; i < n; i++) {
            if (time.isNull(i)) {
                continue;
            }
            long t = times[i];
            if (!cached || t < last || Long.compareUnsigned(t - last, slideMicros) >= 0) {
                last = lastStart(t);
                cached = true;
            }
            // Oldest window first, so output follows start time.
            for (int w = perRow - 1; w >= 0; w--) {
                long start = last - w * slideMicros;
                long end = start + windowMicros;
                if (start <= t && t < end) {
                    parents[k] = i;
                    starts[k] = start;
                    ends[k] = end;
                    k++;
                }
            }
        }
        return windows(parents, starts, ends, k);
    }

    /**
     * A tumbling window over times without nulls: exactly one window per row, so no candidate loop and no null or
     * range test per row (the window {@code [lastStart(t), lastStart(t) + slide)} always holds {@code t}). Null
     * when a window end overflows, which the general loop handles (by leaving such a row out).
     */
    private Rows tumbling(long[] times, int n, long[] starts, long[] ends) {
        long last = n == 0 ? 0 : lastStart(times[0]);
        for (int i = 0; i < n; i++) {
            long t = times[i];
            if (t < last || Long.compareUnsigned(t - last, slideMicros) >= 0) {
                last = lastStart(t);
            }
            long end = last + windowMicros;
            if (end < last) {
                return null;
            }
            starts[i] = last;
            ends[i] = end;
        }
        return windows(Generator.identityRows(n), starts, ends, n);
    }

    private static Rows windows(int[] parents, long[] starts, long[] ends, int k) {
        ColumnVector startVector = LongVector.wrap(DataTypes.TimestampType, starts, k, null);
        ColumnVector endVector = LongVector.wrap(DataTypes.TimestampType, ends, k, null);
        StructVector windows = StructVector.of(TYPE, new ColumnVector[] {startVector, endVector}, k, null);
        return new Rows(parents, k, new ColumnVector[] {windows});
    }

    /** Scalar form for tumbling windows: a row with NULL time gets a NULL window. */
    private static ColumnVector expandWithNulls(StructVector windows, int[] parents, int k, int n) {
        ColumnVector out = ColumnVector.allocate(TYPE, n);
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (next < k && parents[next] == i) {
                out.appendFrom(windows, next++);
            } else {
                out.appendNull();
            }
        }
        return out;
    }
}
