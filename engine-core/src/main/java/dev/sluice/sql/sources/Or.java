package dev.sluice.sql.sources;

/** A filter keeping the rows that either of {@code left} and {@code right} keep (or both) (Spark's {@code sources.Or}). */
public record Or(Filter left, Filter right) implements Filter {
    @Override
    public String[] references() {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(left.references()),
                java.util.Arrays.stream(right.references())).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "Or(" + left + "," + right + ")";
    }
}
