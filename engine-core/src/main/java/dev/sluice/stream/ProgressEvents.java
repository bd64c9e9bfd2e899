package dev.sluice.stream;

/** Formatting shared by progress reports and listener events. */
public final class ProgressEvents {
    private ProgressEvents() {
    }

    /** An epoch-millisecond time as Spark prints it in events: ISO-8601 UTC with milliseconds. */
    public static String timestamp(long epochMs) {
        return ProgressTracker.format(epochMs);
    }
}
