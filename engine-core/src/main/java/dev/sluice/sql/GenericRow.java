package dev.sluice.sql;

import dev.sluice.sql.types.StructType;
import java.util.Arrays;

/** The standard {@link Row}: an array of values and an optional schema. Immutable. */
public final class GenericRow implements Row {
    private final Object[] values;
    private final StructType schema;

    public GenericRow(Object[] values, StructType schema) {
        this.values = values.clone();
        this.schema = schema;
    }

    public GenericRow(Object... values) {
        this(values, null);
    }

    private GenericRow(StructType schema, Object[] values) {
        this.values = values;
        this.schema = schema;
    }

    /**
     * A row over {@code values} itself, not a copy (as Spark's {@code GenericRowWithSchema}): for the engine's
     * conversions, which build one array per row and hand it over; the caller must not change the array afterwards.
     */
    public static GenericRow wrap(Object[] values, StructType schema) {
        return new GenericRow(schema, values);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Object get(int i) {
        return values[i];
    }

    @Override
    public StructType schema() {
        return schema;
    }

    /** Spark's format: {@code [a,b,null]}, nested rows in brackets too. */
    @Override
    public String toString() {
        return "[" + mkString(",") + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Row r) || r.size() != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            Object a = values[i];
            Object b = r.get(i);
            if (a instanceof byte[] x && b instanceof byte[] y) {
                if (!Arrays.equals(x, y)) {
                    return false;
                }
            } else if (a == null ? b != null : !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Object v : values) {
            h = h * 31 + (v instanceof byte[] b ? Arrays.hashCode(b) : java.util.Objects.hashCode(v));
        }
        return h;
    }
}
