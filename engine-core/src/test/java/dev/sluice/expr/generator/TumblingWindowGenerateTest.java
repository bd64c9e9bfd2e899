package dev.sluice.expr.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StructVector;
import dev.sluice.expr.BoundReference;
import dev.sluice.sql.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tumbling-window path of {@link TimeWindow#generate}: unordered, negative and extreme times, hand-computed. */
class TumblingWindowGenerateTest {
    private static Generator.Rows generate(long window, long start, long[] times, boolean[] nulls) {
        TimeWindow w = new TimeWindow(new BoundReference(0, DataTypes.TimestampType, true, "ts"), window, window, start);
        Chunk input = new Chunk(times.length, List.of(LongVector.wrap(DataTypes.TimestampType, times, times.length, nulls)));
        return w.generate(input);
    }

    private static long[] column(Generator.Rows rows, int field) {
        ColumnVector v = ((StructVector) rows.columns()[0]).child(field);
        long[] out = new long[rows.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Long) v.getObject(i);
        }
        return out;
    }

    @Test
    void oneWindowPerRowInRowOrder() {
        Generator.Rows rows = generate(60, 0, new long[] {125, 59, -1, 60, 61, 119, 0, -60}, null);
        assertThat(rows.count()).isEqualTo(8);
        assertThat(rows.parentRows()).startsWith(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(column(rows, 0)).containsExactly(120, 0, -60, 60, 60, 60, 0, -60);
        assertThat(column(rows, 1)).containsExactly(180, 60, 0, 120, 120, 120, 60, 0);
    }

    @Test
    void startOffsetShiftsTheWindows() {
        // window 60, start 10: windows [..., -50, 10, 70, 130, ...)
        Generator.Rows rows = generate(60, 10, new long[] {125, 10, 9, 69, 70}, null);
        assertThat(column(rows, 0)).containsExactly(70, 10, -50, 10, 70);
    }

    @Test
    void nullTimesAndOverflowingEndsGetNoWindow() {
        Generator.Rows withNull = generate(60, 0, new long[] {5, 0, 65}, new boolean[] {false, true, false});
        assertThat(withNull.count()).isEqualTo(2);
        assertThat(withNull.parentRows()).startsWith(0, 2);
        assertThat(column(withNull, 0)).containsExactly(0, 60);
        // Long.MAX_VALUE's window would end past Long.MAX_VALUE: that row is left out, the others kept
        Generator.Rows overflow = generate(60, 0, new long[] {5, Long.MAX_VALUE, 65}, null);
        assertThat(overflow.count()).isEqualTo(2);
        assertThat(overflow.parentRows()).startsWith(0, 2);
    }
}
