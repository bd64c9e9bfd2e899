package dev.sluice.sql.sources;

/**
 * A filter keeping the rows where {@code attribute <= value} (Spark's {@code sources.LessThanOrEqual}).
 *
 * @param attribute the column name, as in the relation's schema
 * @param value the constant, as a {@link dev.sluice.sql.Row} exposes values of the column's type
 */
public record LessThanOrEqual(String attribute, Object value) implements Filter {
    @Override
    public String[] references() {
        return new String[] {attribute};
    }

    @Override
    public String toString() {
        return "LessThanOrEqual(" + attribute + "," + value + ")";
    }
}
