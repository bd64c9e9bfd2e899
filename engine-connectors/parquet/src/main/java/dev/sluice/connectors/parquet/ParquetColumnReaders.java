package dev.sluice.connectors.parquet;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The column-at-a-time half of {@link ParquetChunkReader}: reads the column chunks of non-repeated columns
 * (primitives, and structs of them at any depth) straight into column vectors, one leaf column after another, with
 * parquet-mr's {@link ColumnReader} (no record assembly: no per-record start/end calls across every column, no
 * presence bookkeeping). A leaf's value is present when its definition level is the column's maximum, else null; a
 * struct is null where its first read leaf's definition level is below the struct's own, so a null struct has null
 * children as {@link StructVector} requires. Values are decoded by the same leaf converters as the row reader
 * ({@link ParquetConverters}), so type widening, INT96 and millisecond timestamps, decimals and the once-per-page
 * string dictionaries behave identically. Columns with a repeated field anywhere in them (arrays, maps, legacy
 * repeated fields) are not handled here: the chunk reader assembles those record by record.
 *
 * <p>Not thread-safe: one instance per open file, used by its reader's thread.
 */
final class ParquetColumnReaders {
    private ParquetColumnReaders() {
    }

    /** Whether {@code field} (a projected file field) is read column-at-a-time: no repeated field in it. */
    static boolean vectorizable(Type field, DataType wanted) {
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            return false;
        }
        if (field.isPrimitive()) {
            return !(wanted instanceof StructType);
        }
        if (field.getLogicalTypeAnnotation() != null || !(wanted instanceof StructType struct)) {
            return false;
        }
        for (Type child : field.asGroupType().getFields()) {
            int target = struct.indexOfIgnoreCase(child.getName());
            if (target < 0 || !vectorizable(child, struct.apply(target).dataType())) {
                return false;
            }
        }
        return true;
    }

    /** Reads one column (a leaf or a struct) of a chunk into a vector. */
    abstract static class FieldReader {
        /** Starts a chunk: fresh vectors of capacity {@code capacity}. */
        abstract void startChunk(int capacity);

        /** Takes this row group's column readers. */
        abstract void startRowGroup(ColumnReadStore store);

        /** Appends the next {@code rows} rows of the current row group. */
        abstract void read(int rows);

        /** The chunk's vector, {@code rows} long. */
        abstract ColumnVector finish(int rows);

        /** The definition levels of the chunk's rows for the first leaf under this field. */
        abstract int[] firstLeafLevels();
    }

    /** A primitive column: values at the maximum definition level, nulls below it. */
    static final class LeafReader extends FieldReader {
        private final ColumnDescriptor descriptor;
        private final DataType type;
        private final PrimitiveConverter converter;
        private final int maxDefinition;
        private ColumnReader column;
        private ColumnVector vector;
        private int[] levels;
        private int position;

        LeafReader(ColumnDescriptor descriptor, DataType type, PrimitiveConverter converter) {
            this.descriptor = descriptor;
            this.type = type;
            this.converter = converter;
            this.maxDefinition = descriptor.getMaxDefinitionLevel();
        }

        @Override
        void startChunk(int capacity) {
            vector = ColumnVector.allocate(type, capacity);
            ((ParquetConverters.VectorConverter) converter).bind(vector);
            if (levels == null || levels.length < capacity) {
                levels = new int[capacity];
            }
            position = 0;
        }

        @Override
        void startRowGroup(ColumnReadStore store) {
            column = store.getColumnReader(descriptor);
        }

        @Override
        void read(int rows) {
            ColumnReader in = column;
            ColumnVector out = vector;
            int[] defs = levels;
            int at = position;
            if (maxDefinition == 0) {
                for (int i = 0; i < rows; i++) {
                    in.writeCurrentValueToConverter();
                    in.consume();
                }
                java.util.Arrays.fill(defs, at, at + rows, 0);
            } else {
                for (int i = 0; i < rows; i++) {
                    int level = in.getCurrentDefinitionLevel();
                    defs[at + i] = level;
                    if (level == maxDefinition) {
                        in.writeCurrentValueToConverter();
                    } else {
                        out.appendNull();
                    }
                    in.consume();
                }
            }
            position = at + rows;
        }

        @Override
        ColumnVector finish(int rows) {
            return vector;
        }

        @Override
        int[] firstLeafLevels() {
            return levels;
        }
    }

    /** A struct column: its fields' readers (absent fields read as null) and its nulls from its first leaf. */
    static final class StructReader extends FieldReader {
        private final StructType type;
        private final FieldReader[] fields;
        private final FieldReader first;
        /** The definition level at which this struct is present (0 for a required struct). */
        private final int presentLevel;
        private final boolean nullable;

        StructReader(StructType type, FieldReader[] fields, int presentLevel, boolean nullable) {
            this.type = type;
            this.fields = fields;
            this.presentLevel = presentLevel;
            this.nullable = nullable;
            FieldReader firstRead = null;
            for (FieldReader f : fields) {
                if (f != null) {
                    firstRead = f;
                    break;
                }
            }
            this.first = firstRead;
        }

        @Override
        void startChunk(int capacity) {
            for (FieldReader f : fields) {
                if (f != null) {
                    f.startChunk(capacity);
                }
            }
        }

        @Override
        void startRowGroup(ColumnReadStore store) {
            for (FieldReader f : fields) {
                if (f != null) {
                    f.startRowGroup(store);
                }
            }
        }

        @Override
        void read(int rows) {
            for (FieldReader f : fields) {
                if (f != null) {
                    f.read(rows);
                }
            }
        }

        @Override
        ColumnVector finish(int rows) {
            boolean[] nulls = null;
            if (nullable) {
                int[] levels = first.firstLeafLevels();
                for (int i = 0; i < rows; i++) {
                    if (levels[i] < presentLevel) {
                        if (nulls == null) {
                            nulls = new boolean[Math.max(rows, 1)];
                        }
                        nulls[i] = true;
                    }
                }
            }
            ColumnVector[] children = new ColumnVector[fields.length];
            for (int i = 0; i < fields.length; i++) {
                children[i] = fields[i] == null ? ColumnVector.nulls(type.apply(i).dataType(), rows) : fields[i].finish(rows);
            }
            return StructVector.of(type, children, rows, nulls);
        }

        @Override
        int[] firstLeafLevels() {
            return first.firstLeafLevels();
        }
    }

    /**
     * The readers of the top-level {@code fields} of {@code schema} (each {@link #vectorizable}), and the converter
     * tree parquet-mr's {@code ColumnReadStoreImpl} walks to find each leaf's converter.
     */
    static final class Plan {
        final List<FieldReader> readers = new ArrayList<>();
        final GroupConverter root;

        /**
         * @param schema the message holding exactly the vectorized top-level fields
         * @param wanted the Sluice type wanted for each of them, in the same order
         */
        Plan(MessageType schema, List<DataType> wanted, String file) {
            Converter[] children = new Converter[schema.getFieldCount()];
            for (int i = 0; i < children.length; i++) {
                Type field = schema.getType(i);
                Built built = build(schema, new String[] {field.getName()}, field, wanted.get(i), file);
                readers.add(built.reader);
                children[i] = built.converter;
            }
            root = new PathConverter(children);
        }

        private record Built(FieldReader reader, Converter converter) {
        }

        private static Built build(MessageType schema, String[] path, Type field, DataType wanted, String file) {
            if (field.isPrimitive()) {
                Converter converter = ParquetConverters.forField(field, wanted, new ParquetConverters.Presence(1), 0, file);
                return new Built(new LeafReader(schema.getColumnDescription(path), wanted, (PrimitiveConverter) converter),
                        converter);
            }
            if (!(wanted instanceof StructType struct)) {
                throw ParquetConverters.mismatch(file, field, wanted);
            }
            GroupType group = field.asGroupType();
            FieldReader[] fields = new FieldReader[struct.length()];
            Converter[] converters = new Converter[group.getFieldCount()];
            for (int i = 0; i < converters.length; i++) {
                Type child = group.getType(i);
                int target = struct.indexOfIgnoreCase(child.getName());
                String[] childPath = java.util.Arrays.copyOf(path, path.length + 1);
                childPath[path.length] = child.getName();
                Built built = build(schema, childPath, child, struct.apply(target).dataType(), file);
                fields[target] = built.reader;
                converters[i] = built.converter;
            }
            boolean nullable = !field.isRepetition(Type.Repetition.REQUIRED);
            return new Built(new StructReader(struct, fields, schema.getMaxDefinitionLevel(path), nullable),
                    new PathConverter(converters));
        }
    }

    /** A group in the converter tree: only a path to its leaves, the column readers never start or end records. */
    private static final class PathConverter extends GroupConverter {
        private final Converter[] children;

        PathConverter(Converter[] children) {
            this.children = children;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
