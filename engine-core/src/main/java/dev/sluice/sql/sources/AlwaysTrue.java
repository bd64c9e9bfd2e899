package dev.sluice.sql.sources;

/** A filter keeping every row (Spark's {@code sources.AlwaysTrue}). */
public record AlwaysTrue() implements Filter {
    @Override
    public String[] references() {
        return new String[0];
    }

    @Override
    public String toString() {
        return "AlwaysTrue";
    }
}
