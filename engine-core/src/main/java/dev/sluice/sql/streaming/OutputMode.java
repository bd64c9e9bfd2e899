package dev.sluice.sql.streaming;

import java.util.Locale;

/**
 * How the rows of a streaming query's result table are written to the sink each trigger, as Spark's
 * {@code OutputMode}:
 * <ul>
 *   <li>{@link #Append()} — only rows added to the result table since the last trigger; rows are never
 *   changed afterwards. The default. With an aggregation it needs a watermark.</li>
 *   <li>{@link #Update()} — only rows that changed since the last trigger (new or updated groups).</li>
 *   <li>{@link #Complete()} — the whole result table every trigger; needs an aggregation.</li>
 * </ul>
 * Immutable singletons; compare with {@code ==} or {@code equals}.
 */
public final class OutputMode {
    private static final OutputMode APPEND = new OutputMode("Append");
    private static final OutputMode UPDATE = new OutputMode("Update");
    private static final OutputMode COMPLETE = new OutputMode("Complete");

    private final String name;

    private OutputMode(String name) {
        this.name = name;
    }

    public static OutputMode Append() {
        return APPEND;
    }

    public static OutputMode Update() {
        return UPDATE;
    }

    public static OutputMode Complete() {
        return COMPLETE;
    }

    /**
     * The mode named {@code mode}, case-insensitively ({@code "append"}, {@code "update"}, {@code "complete"}).
     *
     * @throws dev.sluice.SluiceIllegalArgumentException {@code STREAMING_OUTPUT_MODE.INVALID} (Spark 4.1's) naming
     *     the accepted values when {@code mode} is none of them
     */
    public static OutputMode fromString(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "append" -> APPEND;
            case "update" -> UPDATE;
            case "complete" -> COMPLETE;
            default -> throw new dev.sluice.SluiceIllegalArgumentException("STREAMING_OUTPUT_MODE.INVALID",
                    "Invalid streaming output mode: " + mode + ". Accepted output modes are 'Append', 'Complete',"
                    + " 'Update'.", "42KDE");
        };
    }

    /** {@code Append}, {@code Update} or {@code Complete}, as Spark prints it. */
    @Override
    public String toString() {
        return name;
    }
}
