package dev.sluice.sql.sources;

/** A filter keeping the rows whose {@code attribute} is not null (Spark's {@code sources.IsNotNull}). */
public record IsNotNull(String attribute) implements Filter {
    @Override
    public String[] references() {
        return new String[] {attribute};
    }

    @Override
    public String toString() {
        return "IsNotNull(" + attribute + ")";
    }
}
