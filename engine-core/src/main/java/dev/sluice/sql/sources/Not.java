package dev.sluice.sql.sources;

/**
 * A filter keeping the rows for which {@code child} is false: rows where the child is null (SQL's unknown) are
 * dropped, as SQL's {@code NOT} does (Spark's {@code sources.Not}).
 */
public record Not(Filter child) implements Filter {
    @Override
    public String[] references() {
        return child.references();
    }

    @Override
    public String toString() {
        return "Not(" + child + ")";
    }
}
