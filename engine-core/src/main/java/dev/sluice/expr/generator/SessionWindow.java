package dev.sluice.expr.generator;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.BinaryExpression;
import dev.sluice.expr.CalendarInterval;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code session_window(timeColumn, gapDuration)}: the session an event starts, from {@code t} to {@code t + gap}, as
 * {@code struct<start: timestamp, end: timestamp>}. The gap is a constant interval string or an expression
 * evaluating to an interval string per row. Sessions of one grouping key that overlap are merged by the
 * planner ({@code UpdateSessions}; a session starting at or before another's end joins it); a row with a NULL time or a NULL or non-positive gap gets no session.
 */
public final class SessionWindow extends BinaryExpression {
    /** The column name Spark gives to a session window grouping. */
    public static final String COLUMN_NAME = "session_window";

    public SessionWindow(Expression timeColumn, Expression gap) {
        super(timeColumn, gap);
        if (!timeColumn.dataType().equals(DataTypes.TimestampType)) {
            throw dev.sluice.expr.FunctionRegistry.unexpectedType("session_window", 0, "\"TIMESTAMP\"", timeColumn);
        }
    }

    public Expression timeColumn() {
        return left;
    }

    public Expression gap() {
        return right;
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new SessionWindow(newLeft, newRight);
    }

    @Override
    public DataType dataType() {
        return TimeWindow.TYPE;
    }

    @Override
    public String prettyName() {
        return "session_window";
    }

    @Override
    public String sql() {
        return COLUMN_NAME;
    }

    /**
     * Outside a grouping (where the planner merges sessions with {@code UpdateSessions}), each row's own
     * session, as Spark evaluates {@code session_window} in a plain projection: {@code [t, t + gap)}, NULL for
     * a NULL time or a NULL or non-positive gap.
     */
    @Override
    public ColumnVector eval(Chunk input) {
        int n = input.rowCount();
        LongVector times = times(input);
        long[] gaps = gapMicros(input);
        long[] starts = new long[n];
        long[] ends = new long[n];
        boolean[] nulls = new boolean[n];
        for (int i = 0; i < n; i++) {
            nulls[i] = times.isNull(i) || gaps[i] <= 0;
            if (!nulls[i]) {
                starts[i] = times.values()[i];
                ends[i] = starts[i] + gaps[i];
            }
        }
        ColumnVector start = LongVector.wrap(DataTypes.TimestampType, starts, n, null);
        ColumnVector end = LongVector.wrap(DataTypes.TimestampType, ends, n, null);
        return dev.sluice.batch.StructVector.of(TimeWindow.TYPE, new ColumnVector[] {start, end}, n, nulls);
    }

    /** The gap of every row in microseconds; rows whose gap is NULL or not positive get 0. */
    public long[] gapMicros(Chunk input) {
        int n = input.rowCount();
        long[] out = new long[n];
        ColumnVector g = right.eval(input);
        Map<Object, Long> parsed = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (g.isNull(i)) {
                continue;
            }
            Object v = g.getObject(i);
            Long micros = parsed.get(v);
            if (micros == null) {
                micros = v instanceof CalendarInterval iv ? iv.durationMicros()
                        : CalendarInterval.parse(v.toString()).durationMicros();
                parsed.put(v, micros);
            }
            out[i] = Math.max(micros, 0);
        }
        return out;
    }

    /** The event times of every row in microseconds (read with {@link ColumnVector#isNull} for nulls). */
    public LongVector times(Chunk input) {
        return (LongVector) left.eval(input);
    }
}
