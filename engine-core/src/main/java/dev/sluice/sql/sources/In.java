package dev.sluice.sql.sources;

import java.util.Arrays;
import java.util.List;

/**
 * A filter keeping the rows whose {@code attribute} equals one of {@code values} (Spark's {@code sources.In}).
 *
 * @param attribute the column name
 * @param values the constants, as a {@link dev.sluice.sql.Row} exposes values of the column's type; a copy is kept
 */
public record In(String attribute, Object[] values) implements Filter {
    public In {
        values = values.clone();
    }

    /** The constants (a copy). */
    @Override
    public Object[] values() {
        return values.clone();
    }

    @Override
    public String[] references() {
        return new String[] {attribute};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof In other && attribute.equals(other.attribute) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return attribute.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "In(" + attribute + ", [" + String.join(",", List.of(values).stream().map(String::valueOf).toList()) + "])";
    }
}
