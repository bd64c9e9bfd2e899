package dev.sluice.sql.sources;

/**
 * A filter keeping the rows whose string {@code attribute} ends with {@code value}, case-sensitively (Spark's
 * {@code sources.StringEndsWith}).
 */
public record StringEndsWith(String attribute, String value) implements Filter {
    @Override
    public String[] references() {
        return new String[] {attribute};
    }

    @Override
    public String toString() {
        return "StringEndsWith(" + attribute + "," + value + ")";
    }
}
