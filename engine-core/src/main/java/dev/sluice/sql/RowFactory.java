package dev.sluice.sql;

/** Creates {@link Row}s from Java values, as Spark's {@code RowFactory}. */
public final class RowFactory {
    private RowFactory() {
    }

    public static Row create(Object... values) {
        return new GenericRow(values);
    }
}
