package dev.sluice.state;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary row format of state keys and values (no Java serialization): a null bitmap, then each
 * non-null field. Integral types and timestamps are big-endian with the sign bit flipped, so for keys
 * whose leading fields are numbers the byte order equals the value order (RocksDB range and prefix scans
 * rely on it); strings and binary are a varint length then the bytes; decimals their scale and unscaled
 * bytes; structs nest; arrays and maps are a varint count then their elements. Immutable and thread-safe;
 * Each call allocates only its result.
 */
public final class RowCodec {
    private final StructType schema;

    public RowCodec(StructType schema) {
        this.schema = schema;
    }

    public StructType schema() {
        return schema;
    }

    /** Encodes row {@code row} of the given columns (one per schema field). */
    public byte[] encode(ColumnVector[] columns, int row) {
        Writer out = new Writer();
        writeFields(out, columns, row);
        return out.toByteArray();
    }

    /** Encodes only the first {@code fieldCount} fields: a key prefix for {@link StateStore#prefixScan}. */
    public byte[] encodePrefix(ColumnVector[] columns, int row, int fieldCount) {
        Writer out = new Writer();
        for (int i = 0; i < fieldCount; i++) {
            writeNullable(out, columns[i], row, schema.apply(i).dataType());
        }
        return out.toByteArray();
    }

    /** Decodes {@code bytes} and appends one value to each column. */
    public void decodeInto(byte[] bytes, ColumnVector[] columns) {
        Reader in = new Reader(bytes);
        for (int i = 0; i < columns.length; i++) {
            appendValue(in, columns[i], schema.apply(i).dataType());
        }
    }

    /**
     * Decodes field {@code field} of {@code bytes} only and appends it to {@code column}: the fields before it are
     * skipped without being materialized (a state scan that needs one column, e.g. an event time, reads no other).
     */
    public void decodeFieldInto(byte[] bytes, int field, ColumnVector column) {
        Reader in = new Reader(bytes);
        for (int i = 0; i < field; i++) {
            skipNullable(in, schema.apply(i).dataType());
        }
        appendValue(in, column, schema.apply(field).dataType());
    }

    private static void skipNullable(Reader in, DataType type) {
        if (in.read() == 0) {
            return;
        }
        if (ColumnVector.isLongBacked(type) || type instanceof DoubleType) {
            in.skip(8);
        } else if (type instanceof BooleanType) {
            in.skip(1);
        } else if (type instanceof StringType || type instanceof BinaryType) {
            in.skip(in.readVarInt());
        } else if (type instanceof DecimalType) {
            in.skip(4);
            in.skip(in.readVarInt());
        } else if (type instanceof StructType s) {
            for (int i = 0; i < s.length(); i++) {
                skipNullable(in, s.apply(i).dataType());
            }
        } else if (type instanceof ArrayType a) {
            int count = in.readVarInt();
            for (int e = 0; e < count; e++) {
                skipNullable(in, a.elementType());
            }
        } else if (type instanceof MapType m) {
            int count = in.readVarInt();
            for (int e = 0; e < count; e++) {
                skipNullable(in, m.keyType());
                skipNullable(in, m.valueType());
            }
        } else {
            in.skip(4); // int-backed types and floats
        }
    }

    private void writeFields(Writer out, ColumnVector[] columns, int row) {
        for (int i = 0; i < columns.length; i++) {
            writeNullable(out, columns[i], row, schema.apply(i).dataType());
        }
    }

    private static void writeNullable(Writer out, ColumnVector v, int row, DataType type) {
        if (v.isNull(row)) {
            out.write(0);
            return;
        }
        out.write(1);
        writeValue(out, v, row, type);
    }

    private static void writeValue(Writer out, ColumnVector v, int row, DataType type) {
        if (ColumnVector.isLongBacked(type)) {
            out.writeLong(v.getLong(row) ^ Long.MIN_VALUE);
        } else if (type instanceof DoubleType) {
            out.writeLong(Double.doubleToLongBits(v.getDouble(row)));
        } else if (type instanceof FloatType) {
            out.writeInt(Float.floatToIntBits(v.getFloat(row)));
        } else if (type instanceof BooleanType) {
            out.write(v.getBoolean(row) ? 1 : 0);
        } else if (type instanceof StringType) {
            out.writeBytes(v.getString(row).getBytes(StandardCharsets.UTF_8));
        } else if (type instanceof BinaryType) {
            out.writeBytes(v.getBinary(row));
        } else if (type instanceof DecimalType) {
            BigDecimal d = v.getDecimal(row);
            out.writeInt(d.scale());
            out.writeBytes(d.unscaledValue().toByteArray());
        } else if (type instanceof StructType s) {
            StructVector struct = (StructVector) v;
            for (int i = 0; i < s.length(); i++) {
                writeNullable(out, struct.child(i), row, s.apply(i).dataType());
            }
        } else if (type instanceof ArrayType a) {
            ArrayVector array = (ArrayVector) v;
            out.writeVarInt(array.length(row));
            for (int e = array.offset(row); e < array.offset(row) + array.length(row); e++) {
                writeNullable(out, array.elements(), e, a.elementType());
            }
        } else if (type instanceof MapType m) {
            MapVector map = (MapVector) v;
            out.writeVarInt(map.length(row));
            for (int e = map.offset(row); e < map.offset(row) + map.length(row); e++) {
                writeNullable(out, map.keys(), e, m.keyType());
                writeNullable(out, map.values(), e, m.valueType());
            }
        } else if (type instanceof NullType) {
            throw new IllegalStateException("a NULL-typed value cannot be non-null");
        } else {
            out.writeInt(v.getInt(row) ^ Integer.MIN_VALUE);
        }
    }

    private static void appendValue(Reader in, ColumnVector v, DataType type) {
        if (in.read() == 0) {
            v.appendNull();
            return;
        }
        if (ColumnVector.isLongBacked(type)) {
            v.appendLong(in.readLong() ^ Long.MIN_VALUE);
        } else if (type instanceof DoubleType) {
            v.appendDouble(Double.longBitsToDouble(in.readLong()));
        } else if (type instanceof FloatType) {
            v.appendFloat(Float.intBitsToFloat(in.readInt()));
        } else if (type instanceof BooleanType) {
            v.appendBoolean(in.read() == 1);
        } else if (type instanceof StringType) {
            v.appendString(new String(in.readBytes(), StandardCharsets.UTF_8));
        } else if (type instanceof BinaryType) {
            v.appendObject(in.readBytes());
        } else if (type instanceof DecimalType) {
            int scale = in.readInt();
            v.appendObject(new BigDecimal(new BigInteger(in.readBytes()), scale));
        } else if (type instanceof StructType s) {
            StructVector struct = (StructVector) v;
            for (int i = 0; i < s.length(); i++) {
                appendValue(in, struct.child(i), s.apply(i).dataType());
            }
            struct.appendRowFromChildren();
        } else if (type instanceof ArrayType a) {
            ArrayVector array = (ArrayVector) v;
            int count = in.readVarInt();
            for (int e = 0; e < count; e++) {
                appendValue(in, array.elements(), a.elementType());
            }
            array.endRow();
        } else if (type instanceof MapType m) {
            MapVector map = (MapVector) v;
            int count = in.readVarInt();
            for (int e = 0; e < count; e++) {
                appendValue(in, map.keys(), m.keyType());
                appendValue(in, map.values(), m.valueType());
            }
            map.endRow();
        } else {
            v.appendInt(in.readInt() ^ Integer.MIN_VALUE);
        }
    }

    /** Minimal growable big-endian writer. */
    private static final class Writer {
        private byte[] buffer = new byte[64];
        private int size;

        void write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        void writeInt(int v) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (v >>> shift);
            }
        }

        void writeLong(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (v >>> shift);
            }
        }

        void writeVarInt(int v) {
            while ((v & ~0x7F) != 0) {
                write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            write(v);
        }

        void writeBytes(byte[] bytes) {
            writeVarInt(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        private void ensure(int extra) {
            if (size + extra > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /** Reader of the writer's format. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() {
            return bytes[position++] & 0xFF;
        }

        int readInt() {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | read();
            }
            return v;
        }

        long readLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | read();
            }
            return v;
        }

        void skip(int count) {
            position += count;
        }

        int readVarInt() {
            int v = 0;
            int shift = 0;
            int b;
            do {
                b = read();
                v |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return v;
        }

        byte[] readBytes() {
            int length = readVarInt();
            byte[] out = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return out;
        }
    }
}
