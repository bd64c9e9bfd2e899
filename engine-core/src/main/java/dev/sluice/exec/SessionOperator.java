package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StructVector;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.generator.SessionWindow;
import dev.sluice.expr.generator.TimeWindow;
import dev.sluice.plan.logical.UpdateSessions;
import dev.sluice.sql.types.DataTypes;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an {@link UpdateSessions} node over all its input at once: rows are ordered by (grouping key, time),
 * each starts the session {@code (t, t + gap)}, and a row whose time is at or before the end of the current
 * session of its key joins it, as Spark's {@code MergingSessionsIterator} ({@code start <= end}); the session
 * end becomes the max of the ends. Every kept row gets its final merged session. Rows with a NULL time or a non-positive gap are dropped.
 */
public final class SessionOperator {
    private final List<Expression> keys;
    private final SessionWindow session;

    public SessionOperator(UpdateSessions plan) {
        List<AttributeReference> input = plan.child().output();
        this.keys = Binder.bindAll(plan.groupingKeys(), input);
        this.session = (SessionWindow) Binder.bind(plan.session(), input);
    }

    /** The rows of {@code all} with their session column appended. */
    public Chunk execute(Chunk all) {
        int n = all.rowCount();
        int[] groups = new int[Math.max(n, 1)];
        if (!keys.isEmpty()) {
            GroupingTable table = new GroupingTable(keys.stream().map(Expression::dataType).toList());
            ColumnVector[] keyColumns = new ColumnVector[keys.size()];
            for (int k = 0; k < keyColumns.length; k++) {
                keyColumns[k] = keys.get(k).eval(all);
            }
            table.groupIds(keyColumns, n, groups);
        }
        LongVector timeVector = session.times(all);
        long[] times = timeVector.values();
        long[] gaps = session.gapMicros(all);
        int[] candidates = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (!timeVector.isNull(i) && gaps[i] > 0) {
                candidates[kept++] = i;
            }
        }
        int[] rows = sortedRows(groups, times, candidates, kept, false);
        long[] starts = new long[kept];
        long[] ends = new long[kept];
        int runStart = 0;
        for (int i = 0; i <= kept; i++) {
            boolean newSession = i == kept || i == 0 || groups[rows[i]] != groups[rows[i - 1]]
                    || times[rows[i]] > ends[i - 1];
            if (newSession && i > 0) {
                Arrays.fill(ends, runStart, i, ends[i - 1]);
                Arrays.fill(starts, runStart, i, times[rows[runStart]]);
                runStart = i;
            }
            if (i < kept) {
                long end = times[rows[i]] + gaps[rows[i]];
                ends[i] = newSession ? end : Math.max(end, ends[i - 1]);
            }
        }
        ColumnVector[] columns = new ColumnVector[all.columnCount() + 1];
        for (int c = 0; c < all.columnCount(); c++) {
            columns[c] = all.column(c).take(rows, kept);
        }
        columns[all.columnCount()] = StructVector.of(TimeWindow.TYPE, new ColumnVector[] {
            LongVector.wrap(DataTypes.TimestampType, starts, kept, null),
            LongVector.wrap(DataTypes.TimestampType, ends, kept, null)}, kept, null);
        return new Chunk(kept, columns);
    }

    /**
     * Rows {@code kept[0..count)} ordered by (group, time, row): the order of a stable sort by (group, time). When
     * the three fit one long together (group ids, the batch's time range and row numbers are small), one primitive
     * sort of packed keys; otherwise, or with {@code general}, a stable sort of boxed rows by comparator.
     */
    static int[] sortedRows(int[] groups, long[] times, int[] kept, int count, boolean general) {
        int maxGroup = 0;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        for (int k = 0; k < count; k++) {
            int row = kept[k];
            maxGroup = Math.max(maxGroup, groups[row]);
            minTime = Math.min(minTime, times[row]);
            maxTime = Math.max(maxTime, times[row]);
        }
        long range = maxTime - minTime; // negative when it overflows
        int groupBits = 32 - Integer.numberOfLeadingZeros(maxGroup);
        int timeBits = 64 - Long.numberOfLeadingZeros(Math.max(range, 0));
        int rowBits = 32 - Integer.numberOfLeadingZeros(Math.max(kept.length - 1, 0));
        if (!general && count > 0 && range >= 0 && groupBits + timeBits + rowBits <= 63) {
            long[] packed = new long[count];
            for (int k = 0; k < count; k++) {
                int row = kept[k];
                packed[k] = ((long) groups[row] << (timeBits + rowBits)) | ((times[row] - minTime) << rowBits) | row;
            }
            Arrays.sort(packed);
            int[] rows = new int[count];
            long rowMask = (1L << rowBits) - 1;
            for (int k = 0; k < count; k++) {
                rows[k] = (int) (packed[k] & rowMask);
            }
            return rows;
        }
        Integer[] boxed = new Integer[count];
        for (int k = 0; k < count; k++) {
            boxed[k] = kept[k];
        }
        Arrays.sort(boxed, (a, b) -> groups[a] != groups[b] ? Integer.compare(groups[a], groups[b])
                : Long.compare(times[a], times[b]));
        int[] rows = new int[count];
        for (int k = 0; k < count; k++) {
            rows[k] = boxed[k];
        }
        return rows;
    }
}
