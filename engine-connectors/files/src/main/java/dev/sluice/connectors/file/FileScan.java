package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.ReadTracker;
import dev.sluice.spi.Scan;
import dev.sluice.spi.SupportsPushDownFilters;
import dev.sluice.spi.SupportsPushDownRequiredColumns;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The files of one {@code session.read()...load()}, read when an action runs (Spark's {@code FileSourceScanExec}):
 * listed and schema-resolved at {@code load()}, parsed on up to {@code local[N]} threads ({@link ParallelFileReader})
 * at every action, chunks in file order, partition values appended after the data columns.
 *
 * <p>Partition pruning: files whose partition values rule out the pushed filters on partition columns are not read
 * ({@link PartitionPruning}).
 *
 * <p>Column pruning: only the columns the query uses are produced; a format that reads column subsets
 * ({@link FileFormat#readsColumnSubsets()}, Parquet) reads only their data, and unused partition columns are never
 * built. Filter pushdown: the filters are handed to the format ({@link FileFormat#open(org.apache.hadoop.fs.Path,
 * StructType, FormatOptions, List)}), which may skip data that cannot match (Parquet row groups by their
 * statistics and dictionaries); the engine re-applies the query's filter. Immutable; {@link #read} may run on any
 * thread and again for every action (files changed since {@code load()} are read as they are then).
 */
final class FileScan implements SupportsPushDownFilters, SupportsPushDownRequiredColumns {
    private final SluiceSession session;
    private final FileFormat format;
    private final List<FileListing.SourceFile> files;
    private final StructType dataSchema;
    private final StructType partitionSchema;
    private final FormatOptions options;
    private final ZoneId zone;
    /** Indexes of the produced columns into data columns followed by partition columns. */
    private final int[] columns;
    private final List<Filter> filters;

    FileScan(SluiceSession session, FileFormat format, List<FileListing.SourceFile> files, StructType dataSchema,
            StructType partitionSchema, FormatOptions options, ZoneId zone) {
        this(session, format, files, dataSchema, partitionSchema, options, zone, all(dataSchema.length()
                + partitionSchema.length()), List.of());
    }

    private FileScan(SluiceSession session, FileFormat format, List<FileListing.SourceFile> files,
            StructType dataSchema, StructType partitionSchema, FormatOptions options, ZoneId zone, int[] columns,
            List<Filter> filters) {
        this.session = session;
        this.format = format;
        this.files = List.copyOf(files);
        this.dataSchema = dataSchema;
        this.partitionSchema = partitionSchema;
        this.options = options;
        this.zone = zone;
        this.columns = columns;
        this.filters = List.copyOf(filters);
    }

    private static int[] all(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    @Override
    public Scan pushFilters(List<Filter> more) {
        if (!format.usesFilters() && partitionSchema.length() == 0) {
            return this;
        }
        List<Filter> pushed = new ArrayList<>(filters);
        pushed.addAll(more);
        return new FileScan(session, format, files, dataSchema, partitionSchema, options, zone, columns, pushed);
    }

    @Override
    public Scan pruneColumns(int[] kept) {
        int[] narrowed = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            narrowed[i] = columns[kept[i]];
        }
        return new FileScan(session, format, files, dataSchema, partitionSchema, options, zone, narrowed, filters);
    }

    @Override
    public Iterator<Chunk> read() {
        StructType readSchema = readSchema();
        List<Filter> dataFilters = dataFilters();
        int[] kept = keptDataColumns(readSchema);
        StructType partitionFields = producedPartitionFields();
        List<FileListing.SourceFile> files = PartitionPruning.prune(this.files, partitionFilters(), partitionSchema, zone);
        // one pool per read: its threads end with the read. Files are read a window ahead of the pipeline, so a read
        // of a large folder holds a few files' chunks at a time, not the whole folder.
        ParallelFileReader reader = new ParallelFileReader(session.parallelism(), "read " + format.shortName());
        ReadTracker progress = ReadTracker.start(session, "read " + format.shortName(), files.size());
        Iterator<Chunk> chunks = reader.stream(files, file -> file.path().toString(), file -> {
            List<Chunk> read = FileFormatProvider.readFile(format, file, readSchema, dataFilters, kept,
                    partitionFields, options, zone);
            progress.fileDone();
            return read;
        }, options.ignoreCorruptFiles(), options.ignoreMissingFiles());
        return new ReadChunks(chunks, reader, progress);
    }

    /**
     * The chunks of one read: at its end, at its first failure (told to the listeners, then thrown to the caller),
     * or when the engine closes it early, the reading threads stop and the read's listeners hear that it ended.
     */
    private static final class ReadChunks implements Iterator<Chunk>, AutoCloseable {
        private final Iterator<Chunk> chunks;
        private final ParallelFileReader reader;
        private final ReadTracker progress;
        private boolean closed;

        ReadChunks(Iterator<Chunk> chunks, ParallelFileReader reader, ReadTracker progress) {
            this.chunks = chunks;
            this.reader = reader;
            this.progress = progress;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            try {
                boolean more = chunks.hasNext();
                if (!more) {
                    close();
                }
                return more;
            } catch (RuntimeException | Error e) {
                progress.failed(e); // the listeners hear of it; the caller gets it as before
                close();
                throw e;
            }
        }

        @Override
        public Chunk next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return chunks.next();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    reader.close();
                } finally {
                    progress.close();
                }
            }
        }
    }

    /** The data columns handed to the format: all of them, or the used ones where the format reads subsets. */
    private StructType readSchema() {
        if (!format.readsColumnSubsets()) {
            return dataSchema;
        }
        List<StructField> fields = new ArrayList<>();
        for (int c : columns) {
            if (c < dataSchema.length()) {
                fields.add(dataSchema.apply(c));
            }
        }
        return new StructType(fields);
    }

    /**
     * Which columns of what the format reads are produced: null when it read exactly the used data columns (a format
     * reading subsets), else their indexes. {@link #columns} is ascending, so data columns come before partition ones.
     */
    private int[] keptDataColumns(StructType readSchema) {
        int[] used = java.util.Arrays.stream(columns).filter(c -> c < dataSchema.length()).toArray();
        return readSchema != dataSchema || used.length == dataSchema.length() ? null : used;
    }

    /** The partition columns produced, after the data columns. */
    private StructType producedPartitionFields() {
        List<StructField> fields = new ArrayList<>();
        for (int c : columns) {
            if (c >= dataSchema.length()) {
                fields.add(partitionSchema.apply(c - dataSchema.length()));
            }
        }
        return new StructType(fields);
    }

    /** The pushed filters over partition columns only: they decide which files are read. */
    private List<Filter> partitionFilters() {
        return filters.stream().filter(f -> PartitionPruning.only(f, partitionSchema)).toList();
    }

    /** The pushed filters over data columns only: the format may use them inside each file. */
    private List<Filter> dataFilters() {
        return format.usesFilters() ? filters.stream().filter(f -> PartitionPruning.only(f, dataSchema)).toList()
                : List.of();
    }

    @Override
    public String describe() {
        return "FileScan " + format.shortName() + " Files: " + files.size() + ", PartitionFilters: "
                + partitionFilters() + ", PushedFilters: " + dataFilters() + ", ReadSchema: "
                + readSchema().catalogString();
    }
}
