package dev.sluice.sql.sources;

/** A filter keeping no row (Spark's {@code sources.AlwaysFalse}). */
public record AlwaysFalse() implements Filter {
    @Override
    public String[] references() {
        return new String[0];
    }

    @Override
    public String toString() {
        return "AlwaysFalse";
    }
}
