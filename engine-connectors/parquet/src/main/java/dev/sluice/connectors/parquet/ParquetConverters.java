package dev.sluice.connectors.parquet;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet record-assembly converters that append values straight into column vectors. Parquet calls a
 * converter only for present values, so every group remembers which children received one in the current
 * record ({@link Presence}) and appends nulls to the others when it ends. Converters are re-targeted at new
 * vectors for every chunk ({@link VectorConverter#bind}). String dictionaries are decoded once per page
 * dictionary, so dictionary-encoded strings are shared, not re-decoded per row. A requested type differing
 * from the file's is widened when lossless (int to long or double, float to double, decimal rescaling)
 * and otherwise rejected when the reader is built, naming the file and column. Not thread-safe.
 */
final class ParquetConverters {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ParquetConverters() {
    }

    /** A converter that writes into a vector, re-targeted per chunk. */
    interface VectorConverter {
        void bind(ColumnVector target);
    }

    /** Which children of a group received a value in the current record. */
    static final class Presence {
        final boolean[] seen;

        Presence(int size) {
            seen = new boolean[size];
        }

        void reset() {
            java.util.Arrays.fill(seen, false);
        }
    }

    /** The converter of one field of type {@code wanted} stored as {@code field} in {@code file}. */
    static Converter forField(Type field, DataType wanted, Presence presence, int index, String file) {
        if (field.isPrimitive()) {
            return primitive(field.asPrimitiveType(), wanted, presence, index, file);
        }
        GroupType group = field.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && wanted instanceof ArrayType array) {
            Type repeated = group.getType(0);
            Type element = ParquetSchemas.listElement(repeated);
            Presence elementPresence = new Presence(1);
            Converter elementConverter = forField(element, array.elementType(), elementPresence, 0, file);
            Converter child = element == repeated ? elementConverter
                    : new RepeatedGroup(new Converter[] {elementConverter}, elementPresence);
            return new EntriesConverter(child, presence, index);
        }
        if ((annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) && wanted instanceof MapType map) {
            GroupType keyValue = group.getType(0).asGroupType();
            Presence entryPresence = new Presence(2);
            Converter key = forField(keyValue.getType(0), map.keyType(), entryPresence, 0, file);
            Converter value = forField(keyValue.getType(1), map.valueType(), entryPresence, 1, file);
            return new EntriesConverter(new RepeatedGroup(new Converter[] {key, value}, entryPresence), presence, index);
        }
        if (annotation == null && wanted instanceof StructType struct) {
            return new StructConverter(group, struct, presence, index, file);
        }
        throw mismatch(file, field, wanted);
    }

    static SluiceException mismatch(String file, Type field, DataType wanted) {
        return new SluiceException("FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH", "Error while reading file "
                + file + ". Data type mismatches when reading Parquet column `" + field.getName() + "`. Expected"
                + " type " + wanted.sql() + ", actual Parquet type " + field.toString().trim() + ".", "KD001", null);
    }

    /** The fields of a group: children by position in the (projected) file group, targets by name in the wanted struct. */
    abstract static class FieldsConverter extends GroupConverter {
        private final Converter[] children;
        private final int[] targetIndex;
        private final Presence childPresence;

        FieldsConverter(GroupType group, StructType wanted, String file) {
            children = new Converter[group.getFieldCount()];
            targetIndex = new int[children.length];
            childPresence = new Presence(wanted.length());
            for (int i = 0; i < children.length; i++) {
                Type field = group.getType(i);
                int target = wanted.indexOfIgnoreCase(field.getName());
                targetIndex[i] = target;
                children[i] = forField(field, wanted.apply(target).dataType(), childPresence, target, file);
            }
        }

        /** The vector receiving field {@code index} of the wanted struct. */
        abstract ColumnVector fieldTarget(int index);

        final void bindChildren() {
            for (int i = 0; i < children.length; i++) {
                ((VectorConverter) children[i]).bind(fieldTarget(targetIndex[i]));
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            childPresence.reset();
        }

        /** Appends null to every wanted field that received no value in this record. */
        final void fillAbsent() {
            for (int i = 0; i < childPresence.seen.length; i++) {
                if (!childPresence.seen[i]) {
                    fieldTarget(i).appendNull();
                }
            }
        }
    }

    /** The top level of a record: one vector per requested column. */
    static final class RootConverter extends FieldsConverter {
        private ColumnVector[] columns;

        RootConverter(GroupType projected, StructType requested, String file) {
            super(projected, requested, file);
        }

        void bind(ColumnVector[] newColumns) {
            this.columns = newColumns;
            bindChildren();
        }

        @Override
        ColumnVector fieldTarget(int index) {
            return columns[index];
        }

        @Override
        public void end() {
            fillAbsent();
        }
    }

    /** A struct-typed group. */
    static final class StructConverter extends FieldsConverter implements VectorConverter {
        private final Presence presence;
        private final int index;
        private StructVector target;

        StructConverter(GroupType group, StructType wanted, Presence presence, int index, String file) {
            super(group, wanted, file);
            this.presence = presence;
            this.index = index;
        }

        @Override
        public void bind(ColumnVector vector) {
            target = (StructVector) vector;
            bindChildren();
        }

        @Override
        ColumnVector fieldTarget(int fieldIndex) {
            return target.child(fieldIndex);
        }

        @Override
        public void end() {
            fillAbsent();
            target.appendRowFromChildren();
            presence.seen[index] = true;
        }
    }

    /** The repeated group of a list ({@code list}) or map ({@code key_value}): one entry per start/end. */
    static final class RepeatedGroup extends GroupConverter implements VectorConverter {
        private final Converter[] children;
        private final Presence childPresence;
        private final ColumnVector[] targets;

        RepeatedGroup(Converter[] children, Presence childPresence) {
            this.children = children;
            this.childPresence = childPresence;
            this.targets = new ColumnVector[children.length];
        }

        /** Binds to an ArrayVector's elements, or a MapVector's keys and values. */
        @Override
        public void bind(ColumnVector container) {
            if (container instanceof MapVector map) {
                targets[0] = map.keys();
                targets[1] = map.values();
            } else {
                targets[0] = ((ArrayVector) container).elements();
            }
            for (int i = 0; i < children.length; i++) {
                ((VectorConverter) children[i]).bind(targets[i]);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            childPresence.reset();
        }

        @Override
        public void end() {
            for (int i = 0; i < targets.length; i++) {
                if (!childPresence.seen[i]) {
                    targets[i].appendNull();
                }
            }
        }
    }

    /** A LIST or MAP group: its repeated child appends entries, its end closes the row. */
    static final class EntriesConverter extends GroupConverter implements VectorConverter {
        private final Converter repeated;
        private final Presence presence;
        private final int index;
        private ColumnVector target;

        EntriesConverter(Converter repeated, Presence presence, int index) {
            this.repeated = repeated;
            this.presence = presence;
            this.index = index;
        }

        @Override
        public void bind(ColumnVector vector) {
            target = vector;
            if (repeated instanceof RepeatedGroup group) {
                group.bind(vector);
            } else {
                ((VectorConverter) repeated).bind(((ArrayVector) vector).elements());
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
            if (target instanceof MapVector map) {
                map.endRow();
            } else {
                ((ArrayVector) target).endRow();
            }
            presence.seen[index] = true;
        }
    }

    /** Base of the leaf converters. */
    abstract static class ValueConverter extends PrimitiveConverter implements VectorConverter {
        private final Presence presence;
        private final int index;
        ColumnVector target;

        ValueConverter(Presence presence, int index) {
            this.presence = presence;
            this.index = index;
        }

        @Override
        public void bind(ColumnVector vector) {
            target = vector;
        }

        final void done() {
            presence.seen[index] = true;
        }
    }

    private static Converter primitive(PrimitiveType field, DataType wanted, Presence presence, int index, String file) {
        LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
        switch (field.getPrimitiveTypeName()) {
            case BOOLEAN:
                if (wanted instanceof BooleanType) {
                    return new ValueConverter(presence, index) {
                        @Override
                        public void addBoolean(boolean value) {
                            target.appendBoolean(value);
                            done();
                        }
                    };
                }
                break;
            case INT32:
                if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal && wanted instanceof DecimalType) {
                    return decimalConverter(decimal.getScale(), (DecimalType) wanted, presence, index);
                }
                if (wanted instanceof IntegerType || wanted instanceof ShortType || wanted instanceof ByteType
                        || wanted instanceof DateType) {
                    return new ValueConverter(presence, index) {
                        @Override
                        public void addInt(int value) {
                            target.appendInt(value);
                            done();
                        }
                    };
                }
                if (wanted instanceof LongType || wanted instanceof DoubleType) {
                    boolean toLong = wanted instanceof LongType;
                    return new ValueConverter(presence, index) {
                        @Override
                        public void addInt(int value) {
                            if (toLong) {
                                target.appendLong(value);
                            } else {
                                target.appendDouble(value);
                            }
                            done();
                        }
                    };
                }
                break;
            case INT64:
                if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal && wanted instanceof DecimalType) {
                    return decimalConverter(decimal.getScale(), (DecimalType) wanted, presence, index);
                }
                if (wanted instanceof LongType || wanted instanceof TimestampType) {
                    LogicalTypeAnnotation.TimeUnit unit = annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                            ? ts.getUnit() : LogicalTypeAnnotation.TimeUnit.MICROS;
                    return new ValueConverter(presence, index) {
                        @Override
                        public void addLong(long value) {
                            target.appendLong(toMicros(unit, value));
                            done();
                        }
                    };
                }
                break;
            case INT96:
                if (wanted instanceof TimestampType) {
                    return new ValueConverter(presence, index) {
                        @Override
                        public void addBinary(Binary value) {
                            ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                            target.appendLong(int96Micros(bytes.getLong(), bytes.getInt()));
                            done();
                        }
                    };
                }
                break;
            case FLOAT:
                if (wanted instanceof FloatType || wanted instanceof DoubleType) {
                    boolean toDouble = wanted instanceof DoubleType;
                    return new ValueConverter(presence, index) {
                        @Override
                        public void addFloat(float value) {
                            if (toDouble) {
                                target.appendDouble(value);
                            } else {
                                target.appendFloat(value);
                            }
                            done();
                        }
                    };
                }
                break;
            case DOUBLE:
                if (wanted instanceof DoubleType) {
                    return new ValueConverter(presence, index) {
                        @Override
                        public void addDouble(double value) {
                            target.appendDouble(value);
                            done();
                        }
                    };
                }
                break;
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal && wanted instanceof DecimalType) {
                    return decimalConverter(decimal.getScale(), (DecimalType) wanted, presence, index);
                }
                if (wanted instanceof StringType) {
                    return new StringConverter(presence, index);
                }
                if (wanted instanceof BinaryType) {
                    return new ValueConverter(presence, index) {
                        @Override
                        public void addBinary(Binary value) {
                            target.appendObject(value.getBytes());
                            done();
                        }
                    };
                }
                break;
            default:
                break;
        }
        throw mismatch(file, field, wanted);
    }

    /** An INT64 timestamp of {@code unit} (micros when unannotated) in microseconds. */
    static long toMicros(LogicalTypeAnnotation.TimeUnit unit, long value) {
        return unit == LogicalTypeAnnotation.TimeUnit.MICROS ? value
                : unit == LogicalTypeAnnotation.TimeUnit.MILLIS ? value * 1000L : Math.floorDiv(value, 1000L);
    }

    /** An INT96 timestamp (nanoseconds of the day, Julian day) in microseconds since the epoch. */
    static long int96Micros(long nanosOfDay, int julianDay) {
        return (julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanosOfDay / 1000L;
    }

    /** Strings, decoding each dictionary entry once. */
    private static final class StringConverter extends ValueConverter {
        private String[] dictionary;

        StringConverter(Presence presence, int index) {
            super(presence, index);
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary newDictionary) {
            dictionary = new String[newDictionary.getMaxId() + 1];
            for (int i = 0; i < dictionary.length; i++) {
                dictionary[i] = newDictionary.decodeToBinary(i).toStringUsingUTF8();
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            target.appendString(dictionary[dictionaryId]);
            done();
        }

        @Override
        public void addBinary(Binary value) {
            target.appendString(value.toStringUsingUTF8());
            done();
        }
    }

    private static Converter decimalConverter(int fileScale, DecimalType wanted, Presence presence, int index) {
        return new ValueConverter(presence, index) {
            private void append(BigDecimal value) {
                target.appendObject(value.scale() == wanted.scale() ? value : value.setScale(wanted.scale(), RoundingMode.HALF_UP));
                done();
            }

            @Override
            public void addInt(int value) {
                append(BigDecimal.valueOf(value, fileScale));
            }

            @Override
            public void addLong(long value) {
                append(BigDecimal.valueOf(value, fileScale));
            }

            @Override
            public void addBinary(Binary value) {
                append(new BigDecimal(new BigInteger(value.getBytes()), fileScale));
            }
        };
    }
}
