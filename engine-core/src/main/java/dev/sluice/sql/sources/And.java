package dev.sluice.sql.sources;

/** A filter keeping the rows that both of {@code left} and {@code right} keep (Spark's {@code sources.And}). */
public record And(Filter left, Filter right) implements Filter {
    @Override
    public String[] references() {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(left.references()),
                java.util.Arrays.stream(right.references())).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "And(" + left + "," + right + ")";
    }
}
