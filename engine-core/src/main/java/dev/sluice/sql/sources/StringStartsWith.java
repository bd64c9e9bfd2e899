package dev.sluice.sql.sources;

/**
 * A filter keeping the rows whose string {@code attribute} starts with {@code value}, case-sensitively (Spark's
 * {@code sources.StringStartsWith}).
 */
public record StringStartsWith(String attribute, String value) implements Filter {
    @Override
    public String[] references() {
        return new String[] {attribute};
    }

    @Override
    public String toString() {
        return "StringStartsWith(" + attribute + "," + value + ")";
    }
}
