package dev.sluice.sql.sources;

/** A filter keeping the rows whose {@code attribute} is null (Spark's {@code sources.IsNull}). */
public record IsNull(String attribute) implements Filter {
    @Override
    public String[] references() {
        return new String[] {attribute};
    }

    @Override
    public String toString() {
        return "IsNull(" + attribute + ")";
    }
}
