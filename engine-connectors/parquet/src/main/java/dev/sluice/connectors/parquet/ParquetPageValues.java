package dev.sluice.connectors.parquet;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.FloatVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.ObjectVector;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.TimestampType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.values.bitpacking.ByteBitPackingLE;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Whole-page value decoding for the page-at-a-time read ({@link ParquetColumnReaders.LeafReader}): PLAIN values and
 * dictionary ids decoded in one loop per page slice straight into a vector's primitive array, nulls where a row's
 * definition level is below the column's maximum. One {@link Values} per (physical type, wanted type) pair the
 * record converters ({@link ParquetConverters}) also accept without arithmetic on decimals; the values they give
 * are the converters' values (same widening, same timestamp units, same INT96 arithmetic, strings decoded once per
 * dictionary entry). {@link #forField} returns null for every other pair, whose columns keep the value-at-a-time
 * path. Also the RLE/bit-packed hybrid decoder of definition levels and dictionary ids. Stateless apart from the
 * per-column dictionary a {@link Values} holds; one instance per column reader, not thread-safe.
 *
 * <p>The loops of the {@link Values} kinds are deliberately repeated per primitive type (as the vectors' typed
 * accessors are): a shared generic loop would box each value or make a call per value, the cost this class removes.
 */
final class ParquetPageValues {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private ParquetPageValues() {
    }

    /**
     * Decodes a column's values into vectors. The {@code levels}/{@code from}/{@code count}/{@code max} arguments
     * say which rows are present: row {@code at + i} holds the next value when {@code levels[from + i] == max},
     * else it is null.
     */
    abstract static class Values {
        /** The {@link #plain} position of the PLAIN values starting at byte {@code bytePosition}. */
        int plainStart(int bytePosition) {
            return bytePosition;
        }

        /** Decodes PLAIN values from {@code page} at byte {@code pos} (bit for booleans); returns the new position. */
        abstract int plain(byte[] page, int pos, ColumnVector out, int at, int[] levels, int from, int count, int max);

        /** Takes the column chunk's dictionary; false when this type cannot use one (the chunk then falls back). */
        abstract boolean dictionary(Dictionary dictionary);

        /** Writes the dictionary entries {@code ids[idPos...]}; returns the new id position. */
        abstract int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max);
    }

    /** The page decoder for {@code field} read as {@code wanted}, or null when it is left to the converters. */
    static Values forField(PrimitiveType field, DataType wanted) {
        LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return null;
        }
        switch (field.getPrimitiveTypeName()) {
            case BOOLEAN:
                return wanted instanceof BooleanType ? new Booleans() : null;
            case INT32:
                if (wanted instanceof IntegerType || wanted instanceof ShortType || wanted instanceof ByteType
                        || wanted instanceof DateType) {
                    return new Ints();
                }
                if (wanted instanceof LongType) {
                    return new Longs(null, true);
                }
                return wanted instanceof DoubleType ? new Doubles(true) : null;
            case INT64:
                if (wanted instanceof LongType || wanted instanceof TimestampType) {
                    return new Longs(annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                            ? ts.getUnit() : LogicalTypeAnnotation.TimeUnit.MICROS, false);
                }
                return null;
            case INT96:
                return wanted instanceof TimestampType ? new Int96() : null;
            case FLOAT:
                if (wanted instanceof FloatType) {
                    return new Floats();
                }
                return wanted instanceof DoubleType ? new Doubles(false) : null;
            case DOUBLE:
                return wanted instanceof DoubleType ? new Doubles(null) : null;
            case BINARY:
                if (wanted instanceof StringType) {
                    return new Strings();
                }
                return wanted instanceof BinaryType ? new Bytes() : null;
            default:
                return null;
        }
    }

    /** INT32 into an int vector (int, short, byte, date). */
    private static final class Ints extends Values {
        private int[] dictionary;

        @Override
        int plain(byte[] page, int pos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            int[] values = ((IntVector) out).values();
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = (int) INTS.get(page, pos);
                    pos += 4;
                } else {
                    out.setNull(at + i);
                }
            }
            return pos;
        }

        @Override
        boolean dictionary(Dictionary d) {
            dictionary = new int[d.getMaxId() + 1];
            for (int i = 0; i < dictionary.length; i++) {
                dictionary[i] = d.decodeToInt(i);
            }
            return true;
        }

        @Override
        int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            int[] values = ((IntVector) out).values();
            int[] dict = dictionary;
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = dict[ids[idPos++]];
                } else {
                    out.setNull(at + i);
                }
            }
            return idPos;
        }
    }

    /** INT64 (with its timestamp unit made microseconds) or INT32 widened, into a long vector. */
    private static final class Longs extends Values {
        private final LogicalTypeAnnotation.TimeUnit unit;
        private final boolean fromInt;
        private long[] dictionary;

        Longs(LogicalTypeAnnotation.TimeUnit unit, boolean fromInt) {
            this.unit = unit;
            this.fromInt = fromInt;
        }

        private long convert(long value) {
            return fromInt ? value : ParquetConverters.toMicros(unit, value);
        }

        @Override
        int plain(byte[] page, int pos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            long[] values = ((LongVector) out).values();
            int width = fromInt ? 4 : 8;
            boolean micros = unit == LogicalTypeAnnotation.TimeUnit.MICROS;
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    if (fromInt) {
                        values[at + i] = (int) INTS.get(page, pos);
                    } else {
                        long v = (long) LONGS.get(page, pos);
                        values[at + i] = micros ? v : convert(v);
                    }
                    pos += width;
                } else {
                    out.setNull(at + i);
                }
            }
            return pos;
        }

        @Override
        boolean dictionary(Dictionary d) {
            dictionary = new long[d.getMaxId() + 1];
            for (int i = 0; i < dictionary.length; i++) {
                dictionary[i] = fromInt ? d.decodeToInt(i) : convert(d.decodeToLong(i));
            }
            return true;
        }

        @Override
        int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            long[] values = ((LongVector) out).values();
            long[] dict = dictionary;
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = dict[ids[idPos++]];
                } else {
                    out.setNull(at + i);
                }
            }
            return idPos;
        }
    }

    /** INT96 (Impala/Spark legacy timestamps: nanos of day, Julian day) into microseconds. */
    private static final class Int96 extends Values {
        private long[] dictionary;

        @Override
        int plain(byte[] page, int pos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            long[] values = ((LongVector) out).values();
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = ParquetConverters.int96Micros((long) LONGS.get(page, pos), (int) INTS.get(page, pos + 8));
                    pos += 12;
                } else {
                    out.setNull(at + i);
                }
            }
            return pos;
        }

        @Override
        boolean dictionary(Dictionary d) {
            dictionary = new long[d.getMaxId() + 1];
            for (int i = 0; i < dictionary.length; i++) {
                byte[] bytes = d.decodeToBinary(i).getBytes();
                dictionary[i] = ParquetConverters.int96Micros((long) LONGS.get(bytes, 0), (int) INTS.get(bytes, 8));
            }
            return true;
        }

        @Override
        int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            long[] values = ((LongVector) out).values();
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = dictionary[ids[idPos++]];
                } else {
                    out.setNull(at + i);
                }
            }
            return idPos;
        }
    }

    /** FLOAT into a float vector. */
    private static final class Floats extends Values {
        private float[] dictionary;

        @Override
        int plain(byte[] page, int pos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            float[] values = ((FloatVector) out).values();
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = (float) FLOATS.get(page, pos);
                    pos += 4;
                } else {
                    out.setNull(at + i);
                }
            }
            return pos;
        }

        @Override
        boolean dictionary(Dictionary d) {
            dictionary = new float[d.getMaxId() + 1];
            for (int i = 0; i < dictionary.length; i++) {
                dictionary[i] = d.decodeToFloat(i);
            }
            return true;
        }

        @Override
        int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            float[] values = ((FloatVector) out).values();
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = dictionary[ids[idPos++]];
                } else {
                    out.setNull(at + i);
                }
            }
            return idPos;
        }
    }

    /** DOUBLE, or FLOAT / INT32 widened, into a double vector. */
    private static final class Doubles extends Values {
        /** null: the file holds doubles; true: INT32; false: FLOAT. */
        private final Boolean widenedFromInt;
        private double[] dictionary;

        Doubles(Boolean widenedFromInt) {
            this.widenedFromInt = widenedFromInt;
        }

        @Override
        int plain(byte[] page, int pos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            double[] values = ((DoubleVector) out).values();
            int width = widenedFromInt == null ? 8 : 4;
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = widenedFromInt == null ? (double) DOUBLES.get(page, pos)
                            : widenedFromInt ? (int) INTS.get(page, pos) : (float) FLOATS.get(page, pos);
                    pos += width;
                } else {
                    out.setNull(at + i);
                }
            }
            return pos;
        }

        @Override
        boolean dictionary(Dictionary d) {
            dictionary = new double[d.getMaxId() + 1];
            for (int i = 0; i < dictionary.length; i++) {
                dictionary[i] = widenedFromInt == null ? d.decodeToDouble(i)
                        : widenedFromInt ? d.decodeToInt(i) : d.decodeToFloat(i);
            }
            return true;
        }

        @Override
        int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            double[] values = ((DoubleVector) out).values();
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = dictionary[ids[idPos++]];
                } else {
                    out.setNull(at + i);
                }
            }
            return idPos;
        }
    }

    /** BOOLEAN: PLAIN is one bit per value, least significant first; no dictionary exists for it. */
    private static final class Booleans extends Values {
        @Override
        int plainStart(int bytePosition) {
            return bytePosition * 8;
        }

        @Override
        int plain(byte[] page, int bit, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            boolean[] values = ((BooleanVector) out).values();
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    values[at + i] = (page[bit >>> 3] & (1 << (bit & 7))) != 0;
                    bit++;
                } else {
                    out.setNull(at + i);
                }
            }
            return bit;
        }

        @Override
        boolean dictionary(Dictionary d) {
            return false;
        }

        @Override
        int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            throw new IllegalStateException("boolean columns have no dictionary");
        }
    }

    /** BINARY as UTF-8 strings: one String per PLAIN value, one per dictionary entry shared by its rows. */
    private static final class Strings extends Values {
        private String[] dictionary;

        @Override
        int plain(byte[] page, int pos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            ObjectVector strings = (ObjectVector) out;
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    int length = (int) INTS.get(page, pos);
                    strings.set(at + i, new String(page, pos + 4, length, StandardCharsets.UTF_8));
                    pos += 4 + length;
                } else {
                    out.setNull(at + i);
                }
            }
            return pos;
        }

        @Override
        boolean dictionary(Dictionary d) {
            dictionary = new String[d.getMaxId() + 1];
            for (int i = 0; i < dictionary.length; i++) {
                dictionary[i] = d.decodeToBinary(i).toStringUsingUTF8();
            }
            return true;
        }

        @Override
        int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            ObjectVector strings = (ObjectVector) out;
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    strings.set(at + i, dictionary[ids[idPos++]]);
                } else {
                    out.setNull(at + i);
                }
            }
            return idPos;
        }
    }

    /** BINARY as byte arrays: a fresh array per row, as the converters give (vectors never share mutable arrays). */
    private static final class Bytes extends Values {
        private byte[][] dictionary;

        @Override
        int plain(byte[] page, int pos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            ObjectVector bytes = (ObjectVector) out;
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    int length = (int) INTS.get(page, pos);
                    bytes.set(at + i, Arrays.copyOfRange(page, pos + 4, pos + 4 + length));
                    pos += 4 + length;
                } else {
                    out.setNull(at + i);
                }
            }
            return pos;
        }

        @Override
        boolean dictionary(Dictionary d) {
            dictionary = new byte[d.getMaxId() + 1][];
            for (int i = 0; i < dictionary.length; i++) {
                dictionary[i] = d.decodeToBinary(i).getBytes();
            }
            return true;
        }

        @Override
        int ids(int[] ids, int idPos, ColumnVector out, int at, int[] levels, int from, int count, int max) {
            ObjectVector bytes = (ObjectVector) out;
            for (int i = 0; i < count; i++) {
                if (levels[from + i] == max) {
                    bytes.set(at + i, dictionary[ids[idPos++]].clone());
                } else {
                    out.setNull(at + i);
                }
            }
            return idPos;
        }
    }

    /**
     * Decodes {@code count} values of the RLE/bit-packed hybrid encoding (Parquet's levels and dictionary ids) of
     * width {@code bitWidth} from {@code in[pos, end)} into {@code out[0, count)}; {@code out} needs 8 slots of slack
     * past {@code count} (a bit-packed run unpacks whole groups of 8). Runs fill with one array fill; bit-packed
     * groups go through parquet-encoding's generated {@link BytePacker}. Returns the position after the last run read.
     * The packer comes from {@code ByteBitPackingLE}'s own factory, the one {@code Packer.LITTLE_ENDIAN} hands out:
     * initializing {@code Packer} loads all six packer families (some 270 classes, about 0.3 CPU s per JVM) where
     * this needs one (35 classes).
     */
    static int decodeHybrid(byte[] in, int pos, int end, int bitWidth, int[] out, int count) {
        BytePacker packer = ByteBitPackingLE.factory.newBytePacker(bitWidth);
        int valueBytes = (bitWidth + 7) / 8;
        int n = 0;
        while (n < count) {
            if (pos >= end) {
                throw new ParquetDecodingException("RLE/bit-packed data ends after " + n + " of " + count + " values");
            }
            int header = 0;
            int shift = 0;
            int b;
            do {
                b = in[pos++] & 0xFF;
                header |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int i = 0; i < valueBytes; i++) {
                    value |= (in[pos++] & 0xFF) << (8 * i);
                }
                int stop = Math.min(count, n + run);
                Arrays.fill(out, n, stop, value);
                n = stop;
            } else {
                int groups = header >>> 1;
                int next = pos + groups * bitWidth;
                for (int g = 0; g < groups && n < count; g++) {
                    if (pos + bitWidth <= in.length) {
                        packer.unpack8Values(in, pos, out, n);
                    } else {
                        // A writer may cut the last group's padding bytes: unpack from a zero-padded copy.
                        byte[] padded = Arrays.copyOf(Arrays.copyOfRange(in, pos, Math.min(in.length, pos + bitWidth)), bitWidth);
                        packer.unpack8Values(padded, 0, out, n);
                    }
                    pos += bitWidth;
                    n += 8;
                }
                pos = next;
            }
        }
        return pos;
    }
}
