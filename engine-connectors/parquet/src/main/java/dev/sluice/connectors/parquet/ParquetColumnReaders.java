package dev.sluice.connectors.parquet;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The column-at-a-time half of {@link ParquetChunkReader}: reads the column chunks of non-repeated columns
 * (primitives, and structs of them at any depth) straight into column vectors, one leaf column after another (no
 * record assembly: no per-record start/end calls across every column, no presence bookkeeping): a page at a time
 * where {@link ParquetPageValues} decodes the type and the page's encodings, else with parquet-mr's value-at-a-time
 * {@link ColumnReader} and the converters. A leaf's value is present when its definition level is the column's maximum, else null; a
 * struct is null where its first read leaf's definition level is below the struct's own, so a null struct has null
 * children as {@link StructVector} requires. Value-at-a-time leaves are decoded by the same leaf converters as the
 * row reader ({@link ParquetConverters}), so type widening, INT96 and millisecond timestamps, decimals and the
 * once-per-page string dictionaries behave identically; the page decoders give the same values
 * ({@code PageDecodingPropertyTest}). Columns with a repeated field anywhere in them (arrays, maps, legacy
 * repeated fields) are not handled here: the chunk reader assembles those record by record.
 *
 * <p>Not thread-safe: one instance per open file, used by its reader's thread.
 */
final class ParquetColumnReaders {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
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

        /** Takes this row group's pages (page-at-a-time read) or column readers. */
        abstract void startRowGroup(RowGroup group) throws IOException;

        /** Appends the next {@code rows} rows of the current row group. */
        abstract void read(int rows) throws IOException;

        /** The chunk's vector, {@code rows} long. */
        abstract ColumnVector finish(int rows);

        /** The definition levels of the chunk's rows for the first leaf under this field. */
        abstract int[] firstLeafLevels();
    }

    /**
     * One row group of the vectorized columns: its pages, and the value-at-a-time column readers over them (or over
     * a {@link PageReadStore} replaying a column's remaining pages, for a column chunk that leaves the page path).
     */
    interface RowGroup {
        PageReadStore pages();

        ColumnReadStore columns();

        ColumnReadStore columns(PageReadStore pages);
    }

    /**
     * A primitive column: values at the maximum definition level, nulls below it. Page at a time when its type has
     * a {@link ParquetPageValues} decoder: each data page's definition levels and dictionary ids are decoded whole,
     * its values straight into the vector's array, the chunk's dictionary once (strings made once per entry). From
     * the first page whose encodings the page path does not decode (DELTA_*, BYTE_STREAM_SPLIT, RLE booleans,
     * bit-packed levels, a dictionary the type cannot take) to the end of the column chunk, parquet-mr's
     * value-at-a-time {@link ColumnReader} with the converters reads on, into the same vector.
     */
    static final class LeafReader extends FieldReader {
        private final ColumnDescriptor descriptor;
        private final DataType type;
        private final PrimitiveConverter converter;
        private final int maxDefinition;
        private final int levelWidth;
        /** Shared with the plan: [pages decoded whole, column chunks handed to a column reader]. */
        private final long[] pageStats;
        /** The page decoder, null when this column is always read value at a time. */
        private final ParquetPageValues.Values values;
        private ColumnReader column;
        private ColumnVector vector;
        private int[] levels;
        private int position;
        // The page path's state within the current column chunk.
        private RowGroup currentGroup;
        private PageReader pages;
        private DictionaryPage dictionaryPage;
        private boolean dictionaryUsable;
        private long valuesLeftInChunk;
        private int[] pageLevels = new int[0];
        private int[] pageIds = new int[0];
        private byte[] pageBytes;
        private boolean pageUsesDictionary;
        private int pageOffset;
        private int pageRowsLeft;
        private int valuePosition;

        LeafReader(ColumnDescriptor descriptor, DataType type, PrimitiveConverter converter, boolean pageDecoding,
                long[] pageStats) {
            this.descriptor = descriptor;
            this.pageStats = pageStats;
            this.type = type;
            this.converter = converter;
            this.maxDefinition = descriptor.getMaxDefinitionLevel();
            this.levelWidth = BytesUtils.getWidthFromMaxInt(maxDefinition);
            this.values = pageDecoding ? ParquetPageValues.forField(descriptor.getPrimitiveType(), type) : null;
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
        void startRowGroup(RowGroup group) throws IOException {
            if (values == null) {
                column = group.columns().getColumnReader(descriptor);
                return;
            }
            currentGroup = group;
            column = null;
            pages = group.pages().getPageReader(descriptor);
            valuesLeftInChunk = pages.getTotalValueCount();
            pageRowsLeft = 0;
            DictionaryPage dictionary = pages.readDictionaryPage();
            // A copy: the page's bytes may be a one-shot stream, and a fallback reader reads them again.
            dictionaryPage = dictionary == null ? null : dictionary.copy();
            dictionaryUsable = false;
            if (dictionaryPage != null && (dictionaryPage.getEncoding() == Encoding.PLAIN
                    || dictionaryPage.getEncoding() == Encoding.PLAIN_DICTIONARY)) {
                dictionaryUsable = values.dictionary(dictionaryPage.decode(descriptor));
            }
        }

        @Override
        void read(int rows) throws IOException {
            int done = 0;
            while (done < rows && column == null) {
                if (pageRowsLeft == 0) {
                    nextPage();
                    continue;
                }
                int at = position + done;
                int count = Math.min(rows - done, pageRowsLeft);
                System.arraycopy(pageLevels, pageOffset, levels, at, count);
                if (pageUsesDictionary) {
                    valuePosition = values.ids(pageIds, valuePosition, vector, at, pageLevels, pageOffset, count, maxDefinition);
                } else {
                    valuePosition = values.plain(pageBytes, valuePosition, vector, at, pageLevels, pageOffset, count,
                            maxDefinition);
                }
                vector.setSize(at + count);
                pageOffset += count;
                pageRowsLeft -= count;
                done += count;
            }
            if (done < rows) {
                readValues(position + done, rows - done);
            }
            position += rows;
        }

        @Override
        ColumnVector finish(int rows) {
            return vector;
        }

        @Override
        int[] firstLeafLevels() {
            return levels;
        }

        /** Loads the next data page whole, or hands the rest of the chunk to a value-at-a-time reader. */
        private void nextPage() throws IOException {
            DataPage page = pages.readPage();
            if (page == null) {
                throw new ParquetDecodingException("column " + descriptor + " has fewer values than its row group's rows");
            }
            int count = page.getValueCount();
            boolean decoded = page instanceof DataPageV1 v1 ? decodeV1(v1) : decodeV2((DataPageV2) page);
            if (!decoded) {
                PageReader rest = replay(page, valuesLeftInChunk);
                PageReadStore store = new PageReadStore() {
                    @Override
                    public PageReader getPageReader(ColumnDescriptor column) {
                        return rest;
                    }

                    @Override
                    public long getRowCount() {
                        return valuesLeftInChunk;
                    }
                };
                column = currentGroup.columns(store).getColumnReader(descriptor);
                pageStats[1]++;
                return;
            }
            pageStats[0]++;
            valuesLeftInChunk -= count;
            pageOffset = 0;
            pageRowsLeft = count;
        }

        /** A V1 page: [levels length, RLE levels] then the values, in one buffer. False: not decoded here. */
        private boolean decodeV1(DataPageV1 page) throws IOException {
            if (!valuesDecodable(page.getValueEncoding())
                    || maxDefinition > 0 && page.getDlEncoding() != Encoding.RLE) {
                return false;
            }
            byte[] bytes = page.getBytes().toByteArray();
            int valuesAt = maxDefinition == 0 ? 0 : 4 + (int) INTS.get(bytes, 0);
            int present = levels(page.getValueCount(), bytes, maxDefinition == 0 ? 0 : 4, valuesAt);
            startValues(page.getValueEncoding(), bytes, valuesAt, present);
            return true;
        }

        /** A V2 page: levels and values in separate (uncompressed) sections. */
        private boolean decodeV2(DataPageV2 page) throws IOException {
            if (!valuesDecodable(page.getDataEncoding())) {
                return false;
            }
            byte[] levelBytes = maxDefinition == 0 ? null : page.getDefinitionLevels().toByteArray();
            int present = levels(page.getValueCount(), levelBytes, 0, levelBytes == null ? 0 : levelBytes.length);
            startValues(page.getDataEncoding(), page.getData().toByteArray(), 0, present);
            return true;
        }

        private boolean valuesDecodable(Encoding encoding) {
            return encoding == Encoding.PLAIN
                    || (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) && dictionaryUsable;
        }

        /** Decodes a page's definition levels; returns how many values are present (at the maximum level). */
        private int levels(int count, byte[] bytes, int from, int to) {
            if (pageLevels.length < count + 8) {
                pageLevels = new int[count + 8];
            }
            if (maxDefinition == 0) {
                java.util.Arrays.fill(pageLevels, 0, count, 0);
                return count;
            }
            ParquetPageValues.decodeHybrid(bytes, from, to, levelWidth, pageLevels, count);
            int present = 0;
            for (int i = 0; i < count; i++) {
                if (pageLevels[i] == maxDefinition) {
                    present++;
                }
            }
            return present;
        }

        /** Positions the value decoding: PLAIN values in place, dictionary ids decoded whole. */
        private void startValues(Encoding encoding, byte[] bytes, int pos, int present) {
            pageUsesDictionary = encoding != Encoding.PLAIN;
            if (!pageUsesDictionary) {
                pageBytes = bytes;
                valuePosition = values.plainStart(pos);
                return;
            }
            pageBytes = null;
            valuePosition = 0;
            if (pageIds.length < present + 8) {
                pageIds = new int[present + 8];
            }
            if (present > 0) {
                int bitWidth = bytes[pos] & 0xFF;
                ParquetPageValues.decodeHybrid(bytes, pos + 1, bytes.length, bitWidth, pageIds, present);
            }
        }

        /** The value-at-a-time read (the converters append into the vector) of {@code rows} rows at {@code at}. */
        private void readValues(int at, int rows) {
            ColumnReader in = column;
            ColumnVector out = vector;
            int[] defs = levels;
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
        }

        /** The pages a fallback reader reads: the chunk's dictionary, {@code first}, then the chunk's unread pages. */
        private PageReader replay(DataPage first, long valuesLeft) {
            PageReader rest = pages;
            DictionaryPage dictionary = dictionaryPage;
            return new PageReader() {
                private DataPage pending = first;

                @Override
                public DictionaryPage readDictionaryPage() {
                    return dictionary;
                }

                @Override
                public long getTotalValueCount() {
                    return valuesLeft;
                }

                @Override
                public DataPage readPage() {
                    if (pending != null) {
                        DataPage page = pending;
                        pending = null;
                        return page;
                    }
                    return rest.readPage();
                }
            };
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
        void startRowGroup(RowGroup group) throws IOException {
            for (FieldReader f : fields) {
                if (f != null) {
                    f.startRowGroup(group);
                }
            }
        }

        @Override
        void read(int rows) throws IOException {
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
        /** Pages decoded whole and column chunks handed to a column reader by the leaves, for tests. */
        final long[] pageStats = new long[2];

        /**
         * @param schema the message holding exactly the vectorized top-level fields
         * @param wanted the Sluice type wanted for each of them, in the same order
         * @param pageDecoding whether leaves with a {@link ParquetPageValues} decoder are read page at a time
         */
        Plan(MessageType schema, List<DataType> wanted, String file, boolean pageDecoding) {
            Converter[] children = new Converter[schema.getFieldCount()];
            for (int i = 0; i < children.length; i++) {
                Type field = schema.getType(i);
                Built built = build(schema, new String[] {field.getName()}, field, wanted.get(i), file, pageDecoding,
                        pageStats);
                readers.add(built.reader);
                children[i] = built.converter;
            }
            root = new PathConverter(children);
        }

        private record Built(FieldReader reader, Converter converter) {
        }

        private static Built build(MessageType schema, String[] path, Type field, DataType wanted, String file,
                boolean pageDecoding, long[] pageStats) {
            if (field.isPrimitive()) {
                Converter converter = ParquetConverters.forField(field, wanted, new ParquetConverters.Presence(1), 0, file);
                return new Built(new LeafReader(schema.getColumnDescription(path), wanted, (PrimitiveConverter) converter,
                        pageDecoding, pageStats), converter);
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
                Built built = build(schema, childPath, child, struct.apply(target).dataType(), file, pageDecoding,
                        pageStats);
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
