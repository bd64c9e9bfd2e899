package dev.sluice.connectors.parquet;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a Parquet file into chunks of a requested schema. Only the requested columns are read: the schema
 * handed to parquet-hadoop is the file schema projected on the request ({@link ParquetSchemas#project}),
 * so the column chunks of other columns are never fetched or decoded; requested columns absent from the
 * file are null. Reads through the path's Hadoop file system ({@link ParquetFiles}) with
 * {@code ParquetFiles.configuration()}. Not thread-safe.
 */
final class ParquetChunkReader implements ChunkReader {
    /** The non-null marker record parquet-hadoop requires from the materializer. */
    private static final Object RECORD = new Object();

    private final StructType requested;
    private final VectorReadSupport support;
    private final ParquetReader<Object> reader;
    private ColumnVector[] columns;
    private boolean done;

    /**
     * @param skip row groups for which this predicate is false for every row are not read (null: read all); rows
     *     are never filtered one by one here (the converters write straight into vectors), the engine does that
     */
    ParquetChunkReader(FileAccess files, Path file, StructType requested, FilterPredicate skip) throws IOException {
        this.requested = requested;
        this.support = new VectorReadSupport(requested, file.toString());
        ParquetReader.Builder<Object> builder = new ParquetReader.Builder<Object>(ParquetFiles.input(files, file),
                ParquetFiles.configuration()) {
            @Override
            protected ReadSupport<Object> getReadSupport() {
                return support;
            }
        };
        if (skip != null) {
            builder.withFilter(FilterCompat.get(skip)).useStatsFilter(true).useDictionaryFilter(true)
                    .useBloomFilter(true).useRecordFilter(false).useColumnIndexFilter(false);
        }
        this.reader = builder.build();
    }

    /** The Parquet schema actually read (after {@link #next()} was first called): the projection. */
    MessageType projectedSchema() {
        return support.projected;
    }

    @Override
    public Chunk next() throws IOException {
        if (done) {
            return null;
        }
        int rows = 0;
        while (rows < Chunk.DEFAULT_ROWS) {
            if (reader.read() == null) {
                done = true;
                break;
            }
            rows++;
        }
        if (rows == 0) {
            return null;
        }
        Chunk chunk = new Chunk(rows, columns);
        allocate();
        return chunk;
    }

    private void allocate() {
        columns = new ColumnVector[requested.length()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnVector.allocate(requested.apply(i).dataType(), Chunk.DEFAULT_ROWS);
        }
        if (support.root != null) {
            support.root.bind(columns);
        }
    }

    @Override
    public long malformedDropped() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Projects the file schema and builds the converters over this reader's vectors. */
    private final class VectorReadSupport extends ReadSupport<Object> {
        private final StructType requestedSchema;
        private final String file;
        private MessageType projected;
        private ParquetConverters.RootConverter root;

        VectorReadSupport(StructType requestedSchema, String file) {
            this.requestedSchema = requestedSchema;
            this.file = file;
        }

        @Override
        public ReadContext init(InitContext context) {
            projected = ParquetSchemas.project(context.getFileSchema(), requestedSchema);
            return new ReadContext(projected);
        }

        @Override
        public RecordMaterializer<Object> prepareForRead(Configuration configuration, Map<String, String> metadata,
                MessageType fileSchema, ReadContext context) {
            return materializer(context);
        }

        @Override
        public RecordMaterializer<Object> prepareForRead(ParquetConfiguration configuration, Map<String, String> metadata,
                MessageType fileSchema, ReadContext context) {
            return materializer(context);
        }

        private RecordMaterializer<Object> materializer(ReadContext context) {
            root = new ParquetConverters.RootConverter(context.getRequestedSchema(), requestedSchema, file);
            allocate();
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
    }
}
