package dev.sluice.spi;

/**
 * How much a source may hand to one micro-batch, as Spark's {@code ReadLimit}: everything available, or at
 * most a number of rows ({@code maxOffsetsPerTrigger} style) or files ({@code maxFilesPerTrigger} style).
 * A source that cannot honour a limit reads everything. Immutable.
 */
public final class ReadLimit {
    /** The kind of limit. */
    public enum Kind { ALL_AVAILABLE, MAX_ROWS, MAX_FILES }

    private static final ReadLimit ALL = new ReadLimit(Kind.ALL_AVAILABLE, Long.MAX_VALUE);

    private final Kind kind;
    private final long max;

    private ReadLimit(Kind kind, long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("read limit must be positive, got " + max);
        }
        this.kind = kind;
        this.max = max;
    }

    public static ReadLimit allAvailable() {
        return ALL;
    }

    public static ReadLimit maxRows(long rows) {
        return new ReadLimit(Kind.MAX_ROWS, rows);
    }

    public static ReadLimit maxFiles(int files) {
        return new ReadLimit(Kind.MAX_FILES, files);
    }

    public Kind kind() {
        return kind;
    }

    /** The maximum number of rows or files; {@link Long#MAX_VALUE} for {@link #allAvailable()}. */
    public long max() {
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadLimit r && r.kind == kind && r.max == max;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(max);
    }

    @Override
    public String toString() {
        return kind == Kind.ALL_AVAILABLE ? "ReadAllAvailable" : kind + "(" + max + ")";
    }
}
