package dev.sluice.sql.sources;

/**
 * A filter keeping the rows whose string {@code attribute} contains {@code value}, case-sensitively (Spark's
 * {@code sources.StringContains}).
 */
public record StringContains(String attribute, String value) implements Filter {
    @Override
    public String[] references() {
        return new String[] {attribute};
    }

    @Override
    public String toString() {
        return "StringContains(" + attribute + "," + value + ")";
    }
}
