package dev.sluice.exec;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.FloatVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.TimestampType;
import java.util.List;

/**
 * Fixed-width grouping keys packed row-major into {@code long} words: one word per key column, then one word
 * whose bit {@code c} says column {@code c} is null (its value word is then 0). Two rows have equal keys exactly
 * when their words are equal, because each word holds the bits {@link ColumnVector#valueEquals} compares
 * (for floating point, {@code doubleToLongBits} with -0.0 stored as 0.0: NaN equals NaN and -0.0 equals 0.0, as
 * Spark's normalization of grouping keys makes them). A probe then touches one stretch of
 * memory per group instead of one array per key column. Stateless; thread-safe.
 */
final class PackedKeys {
    private static final int MAX_COLUMNS = 63;

    private PackedKeys() {
    }

    /** Words per row for keys of these types, or 0 when some type is not fixed-width (strings, nested values). */
    static int width(List<DataType> flatTypes) {
        if (flatTypes.isEmpty() || flatTypes.size() > MAX_COLUMNS) {
            return 0;
        }
        for (DataType type : flatTypes) {
            if (!(dev.sluice.batch.ColumnVector.isLongBacked(type) || type instanceof IntegerType
                    || type instanceof DateType || type instanceof ShortType || type instanceof ByteType
                    || type instanceof BooleanType || type instanceof DoubleType || type instanceof FloatType)) {
                return 0;
            }
        }
        return flatTypes.size() + 1;
    }

    /** Packs rows {@code [0, rows)} of {@code columns} into {@code out} ({@code rows * width} words, zeroed here). */
    static void pack(ColumnVector[] columns, int rows, int width, long[] out) {
        int maskWord = width - 1;
        for (int i = 0; i < rows; i++) {
            out[i * width + maskWord] = 0L;
        }
        for (int c = 0; c < columns.length; c++) {
            ColumnVector column = columns[c];
            if (column instanceof LongVector v) {
                long[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + c] = values[i];
                }
            } else if (column instanceof IntVector v) {
                int[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + c] = values[i];
                }
            } else if (column instanceof BooleanVector v) {
                boolean[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + c] = values[i] ? 1L : 0L;
                }
            } else if (column instanceof DoubleVector v) {
                double[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + c] = values[i] == 0 ? 0L : Double.doubleToLongBits(values[i]);
                }
            } else if (column instanceof FloatVector v) {
                float[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + c] = values[i] == 0 ? 0L : Float.floatToIntBits(values[i]);
                }
            } else {
                throw new IllegalStateException("no packed form for a key of type " + column.type().simpleString());
            }
            if (column.mayHaveNulls()) {
                boolean[] nulls = column.nullsArray();
                long bit = 1L << c;
                for (int i = 0; i < rows; i++) {
                    if (nulls[i]) {
                        out[i * width + c] = 0L; // a null's slot may hold anything: make all nulls equal
                        out[i * width + maskWord] |= bit;
                    }
                }
            }
        }
    }

    /** The hash of the packed row starting at {@code offset}. */
    static int hash(long[] words, int offset, int width) {
        int h = 0;
        for (int w = 0; w < width; w++) {
            h = h * 31 + Long.hashCode(words[offset + w]);
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
