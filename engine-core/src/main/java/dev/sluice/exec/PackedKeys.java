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
 * Fixed-width grouping keys packed row-major into {@code long} words: one word per non-boolean key column, then one
 * mask word whose bit {@code c} says column {@code c} is null (its value is then 0) and whose bit {@code 32 + c}
 * holds the value of boolean column {@code c} (a struct key's null flag, a boolean key: no word of their own). Two
 * rows have equal keys exactly when their words are equal, because each word holds the bits
 * {@link ColumnVector#valueEquals} compares (for floating point, {@code doubleToLongBits} with -0.0 stored as 0.0:
 * NaN equals NaN and -0.0 equals 0.0, as Spark's normalization of grouping keys makes them). A probe then touches
 * one stretch of memory per group instead of one array per key column. Stateless; thread-safe.
 */
final class PackedKeys {
    /** Null bits take the mask word's low half and boolean values its high half. */
    private static final int MAX_COLUMNS = 31;
    private static final int BOOLEAN_BITS = 32;

    private PackedKeys() {
    }

    /** Words per row for keys of these types, or 0 when some type is not fixed-width (strings, nested values). */
    static int width(List<DataType> flatTypes) {
        if (flatTypes.isEmpty() || flatTypes.size() > MAX_COLUMNS) {
            return 0;
        }
        int words = 1;
        for (DataType type : flatTypes) {
            if (!(dev.sluice.batch.ColumnVector.isLongBacked(type) || type instanceof IntegerType
                    || type instanceof DateType || type instanceof ShortType || type instanceof ByteType
                    || type instanceof BooleanType || type instanceof DoubleType || type instanceof FloatType)) {
                return 0;
            }
            if (!(type instanceof BooleanType)) {
                words++;
            }
        }
        return words;
    }

    /** Packs rows {@code [0, rows)} of {@code columns} into {@code out} ({@code rows * width} words, zeroed here). */
    static void pack(ColumnVector[] columns, int rows, int width, long[] out) {
        int maskWord = width - 1;
        for (int i = 0; i < rows; i++) {
            out[i * width + maskWord] = 0L;
        }
        int w = 0; // the word of the next non-boolean column
        for (int c = 0; c < columns.length; c++) {
            ColumnVector column = columns[c];
            if (column instanceof BooleanVector v) {
                boolean[] values = v.values();
                long bit = 1L << (BOOLEAN_BITS + c);
                for (int i = 0; i < rows; i++) {
                    if (values[i]) {
                        out[i * width + maskWord] |= bit;
                    }
                }
                markNulls(column, rows, width, maskWord, c, -1, out);
                continue;
            }
            if (column instanceof LongVector v) {
                long[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + w] = values[i];
                }
            } else if (column instanceof IntVector v) {
                int[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + w] = values[i];
                }
            } else if (column instanceof DoubleVector v) {
                double[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + w] = values[i] == 0 ? 0L : Double.doubleToLongBits(values[i]);
                }
            } else if (column instanceof FloatVector v) {
                float[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + w] = values[i] == 0 ? 0L : Float.floatToIntBits(values[i]);
                }
            } else {
                throw new IllegalStateException("no packed form for a key of type " + column.type().simpleString());
            }
            markNulls(column, rows, width, maskWord, c, w, out);
            w++;
        }
    }

    /**
     * Sets column {@code c}'s null bit where it is null and clears its value there (word {@code w}, or its boolean
     * bit when {@code w < 0}): a null's slot may hold anything, and all nulls must pack alike.
     */
    private static void markNulls(ColumnVector column, int rows, int width, int maskWord, int c, int w, long[] out) {
        if (!column.mayHaveNulls()) {
            return;
        }
        boolean[] nulls = column.nullsArray();
        long nullBit = 1L << c;
        long booleanBit = 1L << (BOOLEAN_BITS + c);
        for (int i = 0; i < rows; i++) {
            if (nulls[i]) {
                if (w >= 0) {
                    out[i * width + w] = 0L;
                }
                out[i * width + maskWord] = (out[i * width + maskWord] & ~booleanBit) | nullBit;
            }
        }
    }

    /**
     * The key columns of packed rows {@code [0, rows)}, one vector per flat type: the inverse of {@link #pack} up to
     * the normalization it applies (-0.0 reads back as 0.0, every NaN as the canonical NaN: the values a grouping
     * key shows).
     */
    static ColumnVector[] unpack(long[] words, int rows, int width, List<DataType> flatTypes) {
        int maskWord = width - 1;
        int length = Math.max(rows, 1);
        ColumnVector[] out = new ColumnVector[flatTypes.size()];
        int w = 0;
        for (int c = 0; c < out.length; c++) {
            DataType type = flatTypes.get(c);
            boolean[] nulls = null;
            long bit = 1L << c;
            for (int i = 0; i < rows; i++) {
                if ((words[i * width + maskWord] & bit) != 0) {
                    if (nulls == null) {
                        nulls = new boolean[length];
                    }
                    nulls[i] = true;
                }
            }
            if (type instanceof BooleanType) {
                boolean[] values = new boolean[length];
                long valueBit = 1L << (BOOLEAN_BITS + c);
                for (int i = 0; i < rows; i++) {
                    values[i] = (words[i * width + maskWord] & valueBit) != 0;
                }
                out[c] = BooleanVector.wrap(values, rows, nulls);
                continue;
            }
            if (ColumnVector.isLongBacked(type)) {
                long[] values = new long[length];
                for (int i = 0; i < rows; i++) {
                    values[i] = words[i * width + w];
                }
                out[c] = LongVector.wrap(type, values, rows, nulls);
            } else if (type instanceof DoubleType) {
                double[] values = new double[length];
                for (int i = 0; i < rows; i++) {
                    values[i] = Double.longBitsToDouble(words[i * width + w]);
                }
                out[c] = DoubleVector.wrap(values, rows, nulls);
            } else if (type instanceof FloatType) {
                float[] values = new float[length];
                for (int i = 0; i < rows; i++) {
                    values[i] = Float.intBitsToFloat((int) words[i * width + w]);
                }
                out[c] = FloatVector.wrap(values, rows, nulls);
            } else {
                int[] values = new int[length];
                for (int i = 0; i < rows; i++) {
                    values[i] = (int) words[i * width + w];
                }
                out[c] = IntVector.wrap(type, values, rows, nulls);
            }
            w++;
        }
        return out;
    }

    /**
     * The hash of the packed row starting at {@code offset}: {@code h = h * 31 + Long.hashCode(word)} over the words,
     * then mixed. Keys of 1-4 words (a long, a window and a long: the common keys) are hashed unrolled, the same
     * value as the loop gives.
     */
    static int hash(long[] words, int offset, int width) {
        int h;
        switch (width) {
            case 1 -> h = Long.hashCode(words[offset]);
            case 2 -> h = Long.hashCode(words[offset]) * 31 + Long.hashCode(words[offset + 1]);
            case 3 -> h = (Long.hashCode(words[offset]) * 31 + Long.hashCode(words[offset + 1])) * 31
                    + Long.hashCode(words[offset + 2]);
            case 4 -> h = ((Long.hashCode(words[offset]) * 31 + Long.hashCode(words[offset + 1])) * 31
                    + Long.hashCode(words[offset + 2])) * 31 + Long.hashCode(words[offset + 3]);
            default -> {
                h = 0;
                for (int w = 0; w < width; w++) {
                    h = h * 31 + Long.hashCode(words[offset + w]);
                }
            }
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
