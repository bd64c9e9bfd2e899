package dev.sluice.expr;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The vectorized conversions behind {@link Cast}, one {@link VectorConverter} chosen per (source, target)
 * pair when the cast is built. Numeric sources are read through a {@link NumericSource} view so each target
 * has one loop per source kind (exact integral, floating point, decimal) instead of one per type pair.
 */
final class CastConversions {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private CastConversions() {
    }

    /** What a failed conversion does: raise (ANSI), return null (try_cast), or wrap/null (legacy). */
    enum Mode {
        ANSI, TRY, LEGACY
    }

    /** Converts a whole vector; stateless and thread-safe. */
    interface VectorConverter {
        ColumnVector convert(ColumnVector input);
    }

    static VectorConverter converter(DataType from, DataType to, Mode mode, ZoneId zone) {
        if (from.equals(to)) {
            return input -> input;
        }
        if (from instanceof NullType) {
            return input -> ColumnVector.nulls(to, input.size());
        }
        if (to instanceof StringType) {
            return toStringConverter(from, zone);
        }
        if (from instanceof StringType) {
            return new CastStringParser(to, mode, zone);
        }
        if (from instanceof BinaryType || to instanceof BinaryType) {
            throw new IllegalArgumentException("no cast from " + from.simpleString() + " to " + to.simpleString());
        }
        if (from instanceof DateType && to instanceof TimestampType) {
            return input -> mapIntToLong(input, to, days -> startOfDay(days, zone));
        }
        if (from instanceof TimestampType && to instanceof DateType) {
            return input -> mapLongToInt(input, to, micros -> dateOf(micros, zone));
        }
        VectorConverter temporal = CastTemporal.converter(from, to, zone);
        if (temporal != null) {
            return temporal;
        }
        if (from instanceof StructType source && to instanceof StructType target) {
            return structConverter(source, target, mode, zone);
        }
        if (from instanceof ArrayType source && to instanceof ArrayType target) {
            VectorConverter elements = converter(source.elementType(), target.elementType(), mode, zone);
            return input -> rebuildArray((ArrayVector) input, target, elements);
        }
        if (from instanceof MapType source && to instanceof MapType target) {
            VectorConverter keys = converter(source.keyType(), target.keyType(), mode, zone);
            VectorConverter values = converter(source.valueType(), target.valueType(), mode, zone);
            return input -> rebuildMap((MapVector) input, target, keys, values);
        }
        return new CastNumericConverter(NumericSource.of(from), from, to, mode);
    }

    // ---------------------------------------------------------------- temporal helpers

    static long startOfDay(int days, ZoneId zone) {
        LocalDate date = LocalDate.ofEpochDay(days);
        Instant instant = date.atStartOfDay(zone).toInstant();
        return instant.getEpochSecond() * MICROS_PER_SECOND;
    }

    static int dateOf(long micros, ZoneId zone) {
        if (zone == ZoneOffset.UTC) {
            return (int) Math.floorDiv(micros, MICROS_PER_DAY);
        }
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(seconds));
        return (int) Math.floorDiv(seconds + offset.getTotalSeconds(), 86_400L);
    }

    static ColumnVector mapIntToLong(ColumnVector input, DataType type, java.util.function.IntToLongFunction f) {
        int size = input.size();
        long[] out = new long[Math.max(size, 1)];
        int[] values = ((IntVector) input).values();
        for (int i = 0; i < size; i++) {
            if (!input.isNull(i)) {
                out[i] = f.applyAsLong(values[i]);
            }
        }
        return LongVector.wrap(type, out, size, copyNulls(input));
    }

    static ColumnVector mapLongToInt(ColumnVector input, DataType type, java.util.function.LongToIntFunction f) {
        int size = input.size();
        int[] out = new int[Math.max(size, 1)];
        long[] values = ((LongVector) input).values();
        for (int i = 0; i < size; i++) {
            if (!input.isNull(i)) {
                out[i] = f.applyAsInt(values[i]);
            }
        }
        return IntVector.wrap(type, out, size, copyNulls(input));
    }

    static boolean[] copyNulls(ColumnVector input) {
        boolean[] nulls = input.nullsArray();
        return nulls == null ? null : nulls.clone();
    }

    // ---------------------------------------------------------------- to string

    private static VectorConverter toStringConverter(DataType from, ZoneId zone) {
        if (from instanceof IntegerType || from instanceof ShortType || from instanceof ByteType) {
            return input -> renderEach(input, row -> Integer.toString(input.getInt(row)));
        }
        if (from instanceof LongType) {
            return input -> renderEach(input, row -> Long.toString(input.getLong(row)));
        }
        if (from instanceof DoubleType) {
            return input -> renderEach(input, row -> Double.toString(input.getDouble(row)));
        }
        if (from instanceof FloatType) {
            return input -> renderEach(input, row -> Float.toString(input.getFloat(row)));
        }
        if (from instanceof BooleanType) {
            return input -> renderEach(input, row -> input.getBoolean(row) ? "true" : "false");
        }
        if (from instanceof DateType) {
            return input -> renderEach(input, row -> ValueRendering.formatDate(input.getInt(row)));
        }
        if (from instanceof TimestampType) {
            return input -> renderEach(input, row -> ValueRendering.formatTimestamp(input.getLong(row), zone));
        }
        if (from instanceof dev.sluice.sql.types.TimestampNTZType) {
            return input -> renderEach(input, row -> ValueRendering.formatTimestamp(input.getLong(row),
                    ZoneOffset.UTC));
        }
        if (from instanceof dev.sluice.sql.types.DayTimeIntervalType dt) {
            return input -> renderEach(input, row -> AnsiIntervals.format(input.getLong(row), dt));
        }
        if (from instanceof dev.sluice.sql.types.YearMonthIntervalType ym) {
            return input -> renderEach(input, row -> AnsiIntervals.format(input.getInt(row), ym));
        }
        return input -> renderEach(input, row -> ValueRendering.render(input.getObject(row), from, zone));
    }

    private static ColumnVector renderEach(ColumnVector input, java.util.function.IntFunction<String> render) {
        int size = input.size();
        ColumnVector out = ColumnVector.allocate(DataTypes.StringType, size);
        for (int i = 0; i < size; i++) {
            if (input.isNull(i)) {
                out.appendNull();
            } else {
                out.appendString(render.apply(i));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- nested types

    private static VectorConverter structConverter(StructType source, StructType target, Mode mode, ZoneId zone) {
        VectorConverter[] fields = new VectorConverter[target.length()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = converter(source.apply(i).dataType(), target.apply(i).dataType(), mode, zone);
        }
        return input -> {
            StructVector struct = (StructVector) input;
            ColumnVector[] children = new ColumnVector[fields.length];
            for (int i = 0; i < fields.length; i++) {
                children[i] = fields[i].convert(struct.child(i));
            }
            return StructVector.of(target, children, input.size(), copyNulls(input));
        };
    }

    private static ColumnVector rebuildArray(ArrayVector input, ArrayType target, VectorConverter elements) {
        ColumnVector converted = elements.convert(input.elements());
        int size = input.size();
        ArrayVector out = new ArrayVector(target, size);
        for (int row = 0; row < size; row++) {
            if (input.isNull(row)) {
                out.appendNull();
                continue;
            }
            int start = input.offset(row);
            int end = start + input.length(row);
            for (int i = start; i < end; i++) {
                out.elements().appendFrom(converted, i);
            }
            out.endRow();
        }
        return out;
    }

    private static ColumnVector rebuildMap(MapVector input, MapType target, VectorConverter keys, VectorConverter values) {
        ColumnVector convertedKeys = keys.convert(input.keys());
        ColumnVector convertedValues = values.convert(input.values());
        int size = input.size();
        MapVector out = new MapVector(target, size);
        for (int row = 0; row < size; row++) {
            if (input.isNull(row)) {
                out.appendNull();
                continue;
            }
            int start = input.offset(row);
            int end = start + input.length(row);
            for (int i = start; i < end; i++) {
                out.keys().appendFrom(convertedKeys, i);
                out.values().appendFrom(convertedValues, i);
            }
            out.endRow();
        }
        return out;
    }

    // ---------------------------------------------------------------- numeric sources

    /** How a numeric-like source value is read: exact integral, floating point, or decimal. */
    enum SourceKind {
        INTEGRAL, FLOATING, DECIMAL
    }

    /**
     * A view of a source vector as numbers. {@link #asLong} is exact for {@link SourceKind#INTEGRAL} sources
     * (timestamps read as whole seconds, booleans as 0/1); {@link #asDouble} and {@link #asDecimal} work for all.
     */
    abstract static class NumericSource {
        final SourceKind kind;

        NumericSource(SourceKind kind) {
            this.kind = kind;
        }

        abstract long asLong(ColumnVector v, int row);

        abstract double asDouble(ColumnVector v, int row);

        abstract BigDecimal asDecimal(ColumnVector v, int row);

        static NumericSource of(DataType type) {
            if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
                return new IntegralSource(false);
            }
            if (type instanceof LongType) {
                return new IntegralSource(true);
            }
            if (type instanceof BooleanType) {
                return new BooleanSource();
            }
            if (type instanceof DoubleType || type instanceof FloatType) {
                return new FloatingSource(type instanceof FloatType);
            }
            if (type instanceof DecimalType) {
                return new DecimalSource();
            }
            if (type instanceof TimestampType) {
                return new TimestampSource();
            }
            throw new IllegalArgumentException("not a numeric cast source: " + type.simpleString());
        }
    }

    private static final class IntegralSource extends NumericSource {
        private final boolean wide;

        IntegralSource(boolean wide) {
            super(SourceKind.INTEGRAL);
            this.wide = wide;
        }

        @Override
        long asLong(ColumnVector v, int row) {
            return wide ? v.getLong(row) : v.getInt(row);
        }

        @Override
        double asDouble(ColumnVector v, int row) {
            return asLong(v, row);
        }

        @Override
        BigDecimal asDecimal(ColumnVector v, int row) {
            return BigDecimal.valueOf(asLong(v, row));
        }
    }

    private static final class BooleanSource extends NumericSource {
        BooleanSource() {
            super(SourceKind.INTEGRAL);
        }

        @Override
        long asLong(ColumnVector v, int row) {
            return v.getBoolean(row) ? 1 : 0;
        }

        @Override
        double asDouble(ColumnVector v, int row) {
            return asLong(v, row);
        }

        @Override
        BigDecimal asDecimal(ColumnVector v, int row) {
            return BigDecimal.valueOf(asLong(v, row));
        }
    }

    private static final class FloatingSource extends NumericSource {
        private final boolean single;

        FloatingSource(boolean single) {
            super(SourceKind.FLOATING);
            this.single = single;
        }

        @Override
        long asLong(ColumnVector v, int row) {
            return (long) asDouble(v, row);
        }

        @Override
        double asDouble(ColumnVector v, int row) {
            return single ? v.getFloat(row) : v.getDouble(row);
        }

        @Override
        BigDecimal asDecimal(ColumnVector v, int row) {
            double d = asDouble(v, row);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return single ? new BigDecimal(Float.toString(v.getFloat(row))) : BigDecimal.valueOf(d);
        }
    }

    private static final class DecimalSource extends NumericSource {
        DecimalSource() {
            super(SourceKind.DECIMAL);
        }

        @Override
        long asLong(ColumnVector v, int row) {
            return v.getDecimal(row).longValue();
        }

        @Override
        double asDouble(ColumnVector v, int row) {
            return v.getDecimal(row).doubleValue();
        }

        @Override
        BigDecimal asDecimal(ColumnVector v, int row) {
            return v.getDecimal(row);
        }
    }

    private static final class TimestampSource extends NumericSource {
        TimestampSource() {
            super(SourceKind.INTEGRAL);
        }

        @Override
        long asLong(ColumnVector v, int row) {
            return Math.floorDiv(v.getLong(row), MICROS_PER_SECOND);
        }

        @Override
        double asDouble(ColumnVector v, int row) {
            return v.getLong(row) / (double) MICROS_PER_SECOND;
        }

        @Override
        BigDecimal asDecimal(ColumnVector v, int row) {
            return BigDecimal.valueOf(v.getLong(row), 6);
        }
    }
}
