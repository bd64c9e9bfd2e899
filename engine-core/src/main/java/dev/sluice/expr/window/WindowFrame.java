package dev.sluice.expr.window;

/**
 * A window frame: ROWS (physical offsets) or RANGE (peers by ORDER BY value) between a lower and an upper
 * bound, offsets relative to the current row ({@link #UNBOUNDED_PRECEDING}, {@link #CURRENT_ROW},
 * {@link #UNBOUNDED_FOLLOWING} or a row count). Immutable.
 */
public record WindowFrame(boolean rows, long lower, long upper) {
    public static final long UNBOUNDED_PRECEDING = Long.MIN_VALUE;
    public static final long CURRENT_ROW = 0;
    public static final long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;

    /** The whole partition: the frame when a window has no ORDER BY. */
    public static final WindowFrame WHOLE_PARTITION = new WindowFrame(true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING);
    /** Spark's default with an ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (peers included). */
    public static final WindowFrame RUNNING_RANGE = new WindowFrame(false, UNBOUNDED_PRECEDING, CURRENT_ROW);

    public String sql() {
        return (rows ? "ROWS" : "RANGE") + " BETWEEN " + bound(lower) + " AND " + bound(upper);
    }

    private static String bound(long b) {
        if (b == UNBOUNDED_PRECEDING) {
            return "UNBOUNDED PRECEDING";
        }
        if (b == UNBOUNDED_FOLLOWING) {
            return "UNBOUNDED FOLLOWING";
        }
        if (b == CURRENT_ROW) {
            return "CURRENT ROW";
        }
        return b < 0 ? (-b) + " PRECEDING" : b + " FOLLOWING";
    }
}
