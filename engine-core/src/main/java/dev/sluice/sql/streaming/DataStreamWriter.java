package dev.sluice.sql.streaming;

import dev.sluice.api.java.function.VoidFunction2;
import dev.sluice.spi.Sink;
import dev.sluice.spi.SinkContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.spi.DataSources;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.ForeachWriter;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.SluiceSession;
import dev.sluice.stream.QuerySpec;
import dev.sluice.stream.UnsupportedOperationChecker;
import dev.sluice.stream.connector.ForeachBatchSink;
import dev.sluice.stream.connector.ForeachSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Defines where and how a streaming Dataset is written, as Spark's {@code DataStreamWriter}
 * ({@code ds.writeStream()}); {@link #start()} checks the query and runs it in the background.
 * Defaults: output mode append, the default trigger (a batch as soon as data arrives), no name. Without a
 * {@code checkpointLocation} option (or {@code spark.sql.streaming.checkpointLocation}), a temporary
 * checkpoint is used and deleted after a clean stop, so nothing survives a restart. Not thread-safe (a
 * builder).
 *
 * @param <T> the row type
 */
public final class DataStreamWriter<T> {
    private final Dataset<T> ds;
    private String format;
    private OutputMode outputMode = OutputMode.Append();
    private Trigger trigger = Trigger.defaultTrigger();
    private String queryName;
    private final Map<String, String> options = new LinkedHashMap<>();
    private ForeachWriter<Row> foreachWriter;
    private VoidFunction2<Dataset<Row>, Long> foreachBatch;
    private java.util.List<String> partitionColumns = java.util.List.of();

    /** Internal: use {@link Dataset#writeStream()}. */
    public DataStreamWriter(Dataset<T> ds) {
        this.ds = Objects.requireNonNull(ds, "ds is null");
    }

    public DataStreamWriter<T> outputMode(OutputMode outputMode) {
        this.outputMode = Objects.requireNonNull(outputMode, "outputMode is null");
        return this;
    }

    /** {@code "append"}, {@code "update"} or {@code "complete"}. */
    public DataStreamWriter<T> outputMode(String outputMode) {
        return outputMode(OutputMode.fromString(outputMode));
    }

    public DataStreamWriter<T> trigger(Trigger trigger) {
        this.trigger = Objects.requireNonNull(trigger, "trigger is null");
        return this;
    }

    /** A unique name among the session's active queries; also the memory sink's table name. */
    public DataStreamWriter<T> queryName(String queryName) {
        this.queryName = queryName;
        return this;
    }

    public DataStreamWriter<T> format(String source) {
        this.format = Objects.requireNonNull(source, "source is null");
        return this;
    }

    public DataStreamWriter<T> option(String key, String value) {
        options.put(java.util.Objects.requireNonNull(key, "key is null"), 
                
                dev.sluice.conf.OptionValues.requireValue(key, value));
        return this;
    }

    public DataStreamWriter<T> option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    public DataStreamWriter<T> option(String key, long value) {
        return option(key, Long.toString(value));
    }

    public DataStreamWriter<T> option(String key, double value) {
        return option(key, Double.toString(value));
    }

    public DataStreamWriter<T> options(Map<String, String> options) {
        options.forEach(this::option);
        return this;
    }

    /**
     * Partitions the output of a file sink by {@code columns} ({@code col=value/} folders), as Spark. Passed
     * to the sink as the option {@code __partition_columns} (a JSON array of names, Spark's key).
     */
    public DataStreamWriter<T> partitionBy(String... columns) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < columns.length; i++) {
            String c = Objects.requireNonNull(columns[i], "partition column is null");
            json.append(i == 0 ? "" : ",").append('"').append(c.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        options.put("__partition_columns", json.append(']').toString());
        this.partitionColumns = java.util.List.of(columns);
        return this;
    }

    /**
     * Hands every object (row of a DataFrame) to {@code writer} (see {@link ForeachWriter} for the call order and
     * guarantees).
     */
    @SuppressWarnings("unchecked")
    public DataStreamWriter<T> foreach(ForeachWriter<T> writer) {
        Objects.requireNonNull(writer, "writer is null");
        java.util.function.Function<Row, T> decoder = ds.rowDecoder();
        this.foreachWriter = ds.encoder().clsTag() == Row.class ? (ForeachWriter<Row>) writer : new ForeachWriter<>() {
            @Override
            public boolean open(long partitionId, long epochId) {
                return writer.open(partitionId, epochId);
            }

            @Override
            public void process(Row value) {
                writer.process(decoder.apply(value));
            }

            @Override
            public void close(Throwable errorOrNull) {
                writer.close(errorOrNull);
            }
        };
        this.format = "foreach";
        return this;
    }

    /**
     * Hands every micro-batch as a batch Dataset (of this Dataset's type) with its id to {@code function}, on the
     * query thread.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public DataStreamWriter<T> foreachBatch(VoidFunction2<Dataset<T>, Long> function) {
        Objects.requireNonNull(function, "function is null");
        dev.sluice.sql.Encoder<T> encoder = ds.encoder();
        this.foreachBatch = encoder.clsTag() == Row.class ? (VoidFunction2) function
                : (VoidFunction2<Dataset<Row>, Long>) (batch, id) -> function.call(batch.as(encoder), id);
        this.format = "foreachBatch";
        return this;
    }

    /**
     * Starts the query writing into table {@code tableName} of the session catalog, as Spark's {@code toTable}: the
     * table is created (this writer's format, default {@code spark.sql.sources.default}; its partition columns) when
     * missing, and appended to by the file sink with its exactly-once log.
     *
     * @throws AnalysisException when {@code tableName} is a temporary view, or the table's format is not this
     *         writer's
     */
    public StreamingQuery toTable(String tableName) throws java.util.concurrent.TimeoutException {
        dev.sluice.sql.catalog.CatalogTable table = StreamTables.sinkTable(ds.sparkSession(),
                Objects.requireNonNull(tableName, "tableName is null"), format, ds.schema(), partitionColumns);
        format(table.provider());
        if (!table.partitionColumns().isEmpty()) {
            partitionBy(table.partitionColumns().toArray(String[]::new));
        }
        return option("path", table.location().toString()).start();
    }

    /** {@code option("path", path).start()}. */
    public StreamingQuery start(String path) throws java.util.concurrent.TimeoutException {
        return option("path", path).start();
    }

    /**
     * Checks the query and starts it.
     *
     * @throws AnalysisException with Spark's error class when the plan or output mode is not supported, or
     *         the sink does not exist or rejects the output mode
     * @throws IllegalArgumentException when another active query has the same name
     * @throws dev.sluice.checkpoint.CheckpointException when the checkpoint cannot be used
     * @throws java.util.concurrent.TimeoutException declared as Spark's {@code start()} declares it (Spark throws it
     *         when the previous run of the query does not stop in time); Sluice does not throw it today
     */
    public StreamingQuery start() throws java.util.concurrent.TimeoutException {
        SluiceSession session = ds.sparkSession();
        if (System.getProperty(BatchReplay.REPLAY_BATCH) != null) {
            return startInReplayMode(session);
        }
        return startNow();
    }

    /** {@link #start()} without the replay-mode check (the replay's own run on the scratch checkpoint). */
    StreamingQuery startNow() {
        SluiceSession session = ds.sparkSession();
        UnsupportedOperationChecker.checkForStreaming(ds.logicalPlan(), outputMode);
        Supplier<Sink> sinkFactory = sinkFactory(session);
        if (trigger.kind() == Trigger.Kind.REAL_TIME) {
            String sinkName = foreachBatch != null ? "foreachBatch" : foreachWriter != null ? "foreach"
                    : format == null ? session.conf().get("spark.sql.sources.default", "parquet") : format;
            dev.sluice.stream.realtime.RealTimeChecks.checkQuery(ds.logicalPlan(), outputMode, trigger.intervalMs(),
                    sinkFactory.get(), sinkName, key -> session.conf().get(key, null));
        }
        StreamingQueryManager manager = session.streams();
        Path checkpoint = checkpointLocation(session);
        boolean temporary = checkpoint == null;
        if (temporary) {
            try {
                checkpoint = Files.createTempDirectory("sluice-checkpoint-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary checkpoint folder", e);
            }
        }
        int retain = Integer.parseInt(session.conf().get("spark.sql.streaming.minBatchesToRetain", "100"));
        return manager.startQuery(new QuerySpec(session, queryName, ds.logicalPlan(), outputMode, trigger, sinkFactory,
                format, checkpoint, temporary, retain, manager.clock(), manager.hooks()));
    }

    /**
     * Re-runs batch {@code batchId} of this query from its checkpoint, without touching the checkpoint or the sink,
     * and compares the rows with those the sink recorded for the batch (beyond Spark, which has no replay). Build
     * the writer as for {@link #start()}, the same query with the same {@code checkpointLocation}, sink format and
     * options, and call this instead: the checkpoint is copied into a temporary scratch folder, the batch is run
     * there from its logged offsets and the state it started from (as a restart after a crash would), and its rows
     * are collected. A file sink's {@code _spark_metadata} names the files the batch wrote, so its rows are read
     * back and compared; other sinks cannot tell ({@link BatchReplay.Verdict#UNKNOWN}). The sources must still
     * serve the batch's offsets (files still there, Kafka records not yet expired). Runs on the caller's thread
     * and returns when the batch is done. See docs/OPERATIONS.md, "Replaying a batch".
     *
     * @throws SluiceException ({@code SLUICE_REPLAY_UNAVAILABLE}) when the batch is not committed or its offsets
     *         are gone, ({@code SLUICE_REPLAY_FAILED}) when the re-run fails
     */
    public BatchReplay replay(long batchId) {
        try {
            return replay(batchId, Files.createTempDirectory("sluice-replay-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the replay", e);
        }
    }

    /** {@link #replay(long)} into the scratch folder {@code scratchFolder} (created when missing). */
    @SuppressWarnings("unchecked")
    public BatchReplay replay(long batchId, String scratchFolder) {
        SluiceSession session = ds.sparkSession();
        Path checkpoint = checkpointLocation(session);
        if (checkpoint == null) {
            throw new SluiceException("SLUICE_REPLAY_UNAVAILABLE", "Cannot replay a batch of a query without a"
                    + " checkpointLocation", null, null);
        }
        Path scratch = Paths.get(scratchFolder).toAbsolutePath();
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the scratch folder " + scratch, e);
        }
        String sinkFormat = format != null ? format : session.conf().get("spark.sql.sources.default", "parquet");
        return BatchReplayRunner.run((Dataset<Row>) ds.toDF(), checkpoint, batchId, outputMode, sinkFormat, options,
                scratch);
    }

    /**
     * {@link #start()} of a program run with the system property {@value BatchReplay#REPLAY_BATCH} (by
     * {@code sluice checkpoint replay}, or {@code java -D...}): the query whose checkpoint is
     * {@value BatchReplay#REPLAY_CHECKPOINT} is replayed instead of started, its report printed to standard output,
     * and the finished replay run returned; any other query is refused, so that a replay never writes to a real sink.
     */
    private StreamingQuery startInReplayMode(SluiceSession session) {
        String wanted = System.getProperty(BatchReplay.REPLAY_CHECKPOINT);
        Path checkpoint = checkpointLocation(session);
        Path target = wanted == null ? null
                : dev.sluice.checkpoint.CheckpointLocation.resolve(wanted, session.conf().getAll());
        if (checkpoint == null || !checkpoint.equals(target)) {
            throw new SluiceException("SLUICE_REPLAY_MODE", "This program runs in replay mode (system property "
                    + BatchReplay.REPLAY_BATCH + "): only the query with checkpoint " + target + " is replayed; the"
                    + " query with checkpoint " + checkpoint + " is not started", null, null);
        }
        long batchId;
        try {
            batchId = Long.parseLong(System.getProperty(BatchReplay.REPLAY_BATCH).trim());
        } catch (NumberFormatException e) {
            throw new SluiceException("SLUICE_REPLAY_MODE", "The system property " + BatchReplay.REPLAY_BATCH
                    + " must be a batch id, got '" + System.getProperty(BatchReplay.REPLAY_BATCH) + "'", null, e);
        }
        String scratch = System.getProperty(BatchReplay.REPLAY_SCRATCH);
        BatchReplay result = scratch == null ? replay(batchId) : replay(batchId, scratch);
        if (!"false".equals(System.getProperty(BatchReplay.REPLAY_PRINT))) {
            System.out.print(result.report());
        }
        BatchReplay.recordReplayModeResult(result);
        return result.run();
    }

    private Path checkpointLocation(SluiceSession session) {
        String location = dev.sluice.spi.Options.get(options, "checkpointLocation", null);
        // plain paths and file: URIs locally; other schemes through a checkpoint file system, refused here, at
        // start(), when nothing serves them
        java.util.Map<String, String> settings = session.conf().getAll();
        if (location != null) {
            return dev.sluice.checkpoint.CheckpointLocation.resolve(location, settings);
        }
        String root = session.conf().get("spark.sql.streaming.checkpointLocation", null);
        if (root != null) {
            return dev.sluice.checkpoint.CheckpointLocation.resolve(root,
                    queryName != null ? queryName : java.util.UUID.randomUUID().toString(), settings);
        }
        return null;
    }

    private Supplier<Sink> sinkFactory(SluiceSession session) {
        if (foreachBatch != null) {
            VoidFunction2<Dataset<Row>, Long> function = foreachBatch;
            return () -> new ForeachBatchSink(function);
        }
        if (foreachWriter != null) {
            ForeachWriter<Row> writer = foreachWriter;
            return () -> new ForeachSink(writer);
        }
        String name = format == null ? session.conf().get("spark.sql.sources.default", "parquet") : format;
        StreamingProvider provider = DataSources.streaming(name);
        if (!provider.supportedOutputModes().contains(outputMode)) {
            throw new AnalysisException("STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE", "Invalid streaming output mode: "
                    + outputMode.toString().toLowerCase(Locale.ROOT) + ". This output mode is not supported in Data"
                    + " Source " + provider.shortName() + ".", "42KDE");
        }
        Sink sink = provider.createSink(new SinkContext(session, ds.schema(), options, outputMode, queryName));
        return () -> sink;
    }
}
