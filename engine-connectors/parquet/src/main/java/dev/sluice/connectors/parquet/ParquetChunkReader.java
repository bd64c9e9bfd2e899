package dev.sluice.connectors.parquet;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file into chunks of a requested schema, row group by row group, over one
 * {@link ParquetFileReader} (the footer is read once, also when filters are pushed down).
 *
 * <p>Only the requested columns are read: the file schema is projected on the request
 * ({@link ParquetSchemas#project}, struct columns pruned to the requested fields), so the column chunks of other
 * columns are never fetched or decoded; requested columns absent from the file are null. Row groups that pushed
 * filters rule out (statistics, dictionaries, bloom filters; {@link ParquetFilters}) are skipped; rows are never
 * filtered one by one here, the engine re-applies the query's filter.
 *
 * <p>Vectorized read (Spark's {@code spark.sql.parquet.enableVectorizedReader}, on by default): top-level columns
 * without repeated fields (primitives and structs of them at any depth) are read column chunk by column chunk into
 * vectors ({@link ParquetColumnReaders}; a page at a time for the plain types, {@link ParquetPageValues}); columns
 * holding arrays, maps or legacy repeated fields are assembled record by record by parquet-mr's record reader into
 * the same chunk ({@link ParquetConverters}). With the vectorized read off every column is assembled record by
 * record. All give the same vectors.
 *
 * <p>Reads through the path's Hadoop file system ({@link ParquetFiles}) with {@code ParquetFiles.configuration()}.
 * Not thread-safe.
 */
final class ParquetChunkReader implements ChunkReader {
    /** The non-null marker record parquet-mr's record reader requires from the materializer. */
    private static final Object RECORD = new Object();

    private final StructType requested;
    private final String file;
    private final SeekableInputStream stream;
    private final ParquetFileReader reader;
    private final MessageType projected;
    private final String createdBy;
    /** Readers of the vectorized columns and their indexes in {@link #requested}. */
    private final ParquetColumnReaders.Plan vectorized;
    private final int[] vectorizedTargets;
    private final MessageType vectorizedSchema;
    /** The record-assembled columns: their projected schema, converters and indexes in {@link #requested}. */
    private final MessageType assembledSchema;
    private final StructType assembledRequest;
    private final int[] assembledTargets;
    private ParquetConverters.RootConverter assembledRoot;
    private RecordReader<Object> records;
    private long rowGroupRowsLeft;
    private boolean done;

    /**
     * @param filters pushed filters over the requested columns (may be empty): row groups for which they are false
     *     for every row are not read
     * @param vectorize whether to read columns without repeated fields column-at-a-time
     */
    ParquetChunkReader(FileAccess files, Path path, StructType requested, List<Filter> filters, boolean vectorize)
            throws IOException {
        this(files, path, requested, filters, vectorize, true);
    }

    /**
     * @param pageDecoding whether vectorized leaf columns of the types {@link ParquetPageValues} decodes are read
     *     page at a time (else value at a time through parquet-mr's column readers; both give the same vectors)
     */
    ParquetChunkReader(FileAccess files, Path path, StructType requested, List<Filter> filters, boolean vectorize,
            boolean pageDecoding) throws IOException {
        this.requested = requested;
        this.file = path.toString();
        InputFile input = ParquetFiles.input(files, path);
        this.stream = input.newStream();
        ParquetFileReader opened = null;
        try {
            ParquetReadOptions.Builder options = ParquetReadOptions.builder(ParquetFiles.configuration())
                    .withCodecFactory(new ParquetCodecs(0));
            ParquetMetadata footer = ParquetFileReader.readFooter(input, options.build(), stream);
            MessageType fileSchema = footer.getFileMetaData().getSchema();
            FilterPredicate skip = filters.isEmpty() ? null : ParquetFilters.predicate(filters, fileSchema);
            if (skip != null) {
                options.withRecordFilter(FilterCompat.get(skip)).useStatsFilter(true).useDictionaryFilter(true)
                        .useBloomFilter(true).useRecordFilter(false).useColumnIndexFilter(false);
            }
            opened = ParquetFileReader.open(input, footer, options.build(), stream);
            this.projected = ParquetSchemas.project(fileSchema, requested);
            opened.setRequestedSchema(projected);
            this.createdBy = footer.getFileMetaData().getCreatedBy();
            List<Type> vectorFields = new ArrayList<>();
            List<DataType> vectorTypes = new ArrayList<>();
            List<Integer> vectorTargets = new ArrayList<>();
            List<Type> assembledFields = new ArrayList<>();
            List<StructField> assembledWanted = new ArrayList<>();
            List<Integer> assembledTargetList = new ArrayList<>();
            for (Type field : projected.getFields()) {
                int target = requested.indexOfIgnoreCase(field.getName());
                DataType wanted = requested.apply(target).dataType();
                if (vectorize && ParquetColumnReaders.vectorizable(field, wanted)) {
                    vectorFields.add(field);
                    vectorTypes.add(wanted);
                    vectorTargets.add(target);
                } else {
                    assembledFields.add(field);
                    assembledWanted.add(requested.apply(target));
                    assembledTargetList.add(target);
                }
            }
            this.vectorizedSchema = new MessageType(projected.getName(), vectorFields);
            this.vectorized = new ParquetColumnReaders.Plan(vectorizedSchema, vectorTypes, file, pageDecoding);
            this.vectorizedTargets = vectorTargets.stream().mapToInt(Integer::intValue).toArray();
            this.assembledSchema = new MessageType(projected.getName(), assembledFields);
            this.assembledRequest = new StructType(assembledWanted);
            this.assembledTargets = assembledTargetList.stream().mapToInt(Integer::intValue).toArray();
            if (!assembledFields.isEmpty()) {
                assembledRoot = new ParquetConverters.RootConverter(assembledSchema, assembledRequest, file);
            }
            this.reader = opened;
        } catch (IOException | RuntimeException | Error e) {
            try {
                if (opened != null) {
                    opened.close();
                } else {
                    stream.close();
                }
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The Parquet schema actually read: the projection of the file schema on the request. */
    MessageType projectedSchema() {
        return projected;
    }

    @Override
    public Chunk next() throws IOException {
        if (done) {
            return null;
        }
        int capacity = Chunk.DEFAULT_ROWS;
        for (ParquetColumnReaders.FieldReader r : vectorized.readers) {
            r.startChunk(capacity);
        }
        ColumnVector[] assembled = null;
        if (assembledRoot != null) {
            assembled = new ColumnVector[assembledRequest.length()];
            for (int i = 0; i < assembled.length; i++) {
                assembled[i] = ColumnVector.allocate(assembledRequest.apply(i).dataType(), capacity);
            }
            assembledRoot.bind(assembled);
        }
        int rows = 0;
        while (rows < capacity) {
            if (rowGroupRowsLeft == 0 && !nextRowGroup()) {
                done = true;
                break;
            }
            int take = (int) Math.min(capacity - rows, rowGroupRowsLeft);
            for (ParquetColumnReaders.FieldReader r : vectorized.readers) {
                r.read(take);
            }
            if (records != null) {
                for (int i = 0; i < take; i++) {
                    records.read();
                }
            }
            rows += take;
            rowGroupRowsLeft -= take;
        }
        if (rows == 0) {
            return null;
        }
        ColumnVector[] columns = new ColumnVector[requested.length()];
        for (int i = 0; i < vectorizedTargets.length; i++) {
            columns[vectorizedTargets[i]] = vectorized.readers.get(i).finish(rows);
        }
        for (int i = 0; i < assembledTargets.length; i++) {
            columns[assembledTargets[i]] = assembled[i];
        }
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == null) {
                columns[i] = ColumnVector.nulls(requested.apply(i).dataType(), rows);
            }
        }
        return new Chunk(rows, columns);
    }

    /** Moves to the next row group that has rows; false at the end of the file. */
    private boolean nextRowGroup() throws IOException {
        while (true) {
            PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) {
                return false;
            }
            if (pages.getRowCount() == 0) {
                continue;
            }
            rowGroupRowsLeft = pages.getRowCount();
            if (!vectorized.readers.isEmpty()) {
                ParquetColumnReaders.RowGroup group = rowGroup(pages);
                for (ParquetColumnReaders.FieldReader r : vectorized.readers) {
                    r.startRowGroup(group);
                }
            }
            if (assembledRoot != null) {
                records = new ColumnIOFactory(createdBy).getColumnIO(assembledSchema, projected, true)
                        .getRecordReader(pages, materializer(assembledRoot), FilterCompat.NOOP);
            }
            return true;
        }
    }

    /** The vectorized columns' view of a row group; the column readers are made only for columns that use them. */
    private ParquetColumnReaders.RowGroup rowGroup(PageReadStore pages) {
        return new ParquetColumnReaders.RowGroup() {
            private ColumnReadStoreImpl store;

            @Override
            public PageReadStore pages() {
                return pages;
            }

            @Override
            public ColumnReadStore columns() {
                if (store == null) {
                    store = columns(pages);
                }
                return store;
            }

            @Override
            public ColumnReadStoreImpl columns(PageReadStore replayed) {
                return new ColumnReadStoreImpl(replayed, vectorized.root, vectorizedSchema, createdBy);
            }
        };
    }

    private static RecordMaterializer<Object> materializer(GroupConverter root) {
        return new RecordMaterializer<>() {
            @Override
            public Object getCurrentRecord() {
                return RECORD;
            }

            @Override
            public GroupConverter getRootConverter() {
                return root;
            }
        };
    }

    /** [pages decoded whole, column chunks handed to parquet-mr's column reader] so far: what tests check. */
    long[] pageStats() {
        return vectorized.pageStats.clone();
    }

    @Override
    public long malformedDropped() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
