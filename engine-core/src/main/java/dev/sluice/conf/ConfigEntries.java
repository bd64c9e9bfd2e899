package dev.sluice.conf;

import java.util.List;

/**
 * Every session setting Sluice reads, in every module (engine-core, engine-state, the connectors, engine-ui): the
 * one declaration of each key's type, default and meaning. docs/CONFIGURATION.md's table is generated from
 * {@link #ALL} ({@code ConfigurationReferenceTest} fails when the file is stale, and when a {@code "spark.*"} key
 * appears in product code without being declared here). Unknown {@code spark.sluice.*} keys are warned about once
 * by the session's configuration. Stateless and thread-safe.
 */
public final class ConfigEntries {
    private ConfigEntries() {
    }

    private static final String V010 = "0.1.0";

    private static ConfigEntry entry(String key, String type, String defaultText, String doc) {
        return new ConfigEntry(key, type, defaultText, doc, V010);
    }

    /** The session's name, as {@code SparkConf}'s (set by the builder's {@code appName}). */
    public static final ConfigEntry APP_NAME = entry("spark.app.name", "string", "`sluice`",
            "the session's name (`Sluice.builder().appName(...)`), shown in the UI and in `SluiceContext.getConf()`");
    /** The master URL. */
    public static final ConfigEntry MASTER = entry("spark.master", "string", "`local[*]`",
            "`local`, `local[N]` or `local[*]` (Sluice always runs in-process): `N` threads run a query's pipelines");
    public static final ConfigEntry SESSION_TIME_ZONE = entry("spark.sql.session.timeZone", "zone", "JVM default zone",
            "zone used to display timestamps and to parse timestamp strings without offset");
    public static final ConfigEntry ANSI_ENABLED = entry("spark.sql.ansi.enabled", "boolean", "`true`",
            "ANSI mode: invalid casts (`CAST_INVALID_INPUT`), overflow (`ARITHMETIC_OVERFLOW`) and division by zero"
                    + " (`DIVIDE_BY_ZERO`) raise errors; `false` yields NULL / wrap-around as Spark's legacy mode");
    public static final ConfigEntry SHUFFLE_PARTITIONS = entry("spark.sql.shuffle.partitions", "int", "`200`",
            "number of state partitions of stateful streaming operators; recorded in the offset log. Unlike Spark, a"
                    + " restart of a checkpoint with key-groups in a session that sets it explicitly may change it: the"
                    + " state is redistributed (OPERATIONS.md, \"Rescaling state\"); older checkpoints keep their"
                    + " recorded count");
    public static final ConfigEntry LEAF_NODE_DEFAULT_PARALLELISM = entry("spark.sql.leafNodeDefaultParallelism", "int",
            "`local[N]`'s N", "how many partitions `createDataFrame`/`createDataset` data (at most one per row) and"
                    + " `range` are split into, as Spark's; what `spark_partition_id()`, `rand(seed)`, `sample` and"
                    + " the other partition-dependent functions see");
    public static final ConfigEntry CASE_SENSITIVE = entry("spark.sql.caseSensitive", "boolean", "`false`",
            "name resolution is case-insensitive; `true` is rejected (not supported)");
    public static final ConfigEntry SOURCES_DEFAULT = entry("spark.sql.sources.default", "string", "`parquet`",
            "the format of `writeStream().start()`, `saveAsTable` and `toTable` without `format(...)`");
    public static final ConfigEntry WAREHOUSE_DIR = entry("spark.sql.warehouse.dir", "path", "`spark-warehouse`",
            "the folder of the session catalog's managed tables (`saveAsTable`, `toTable`), relative to the working"
                    + " folder unless absolute; read when a table is created or looked up");
    public static final ConfigEntry FILES_IGNORE_CORRUPT = entry("spark.sql.files.ignoreCorruptFiles", "boolean",
            "`false`", "default of the file formats' `ignoreCorruptFiles` option: skip files that cannot be read");
    public static final ConfigEntry FILES_IGNORE_MISSING = entry("spark.sql.files.ignoreMissingFiles", "boolean",
            "`false`", "default of the file formats' `ignoreMissingFiles` option: skip files deleted after listing");
    public static final ConfigEntry PARQUET_MERGE_SCHEMA = entry("spark.sql.parquet.mergeSchema", "boolean", "`false`",
            "default of the Parquet `mergeSchema` option");
    public static final ConfigEntry PARQUET_VECTORIZED = entry("spark.sql.parquet.enableVectorizedReader", "boolean",
            "`true`", "read Parquet columns without repeated fields column chunk by column chunk into vectors; `false`"
                    + " assembles every column record by record (also a read option of the same name)");
    public static final ConfigEntry PARQUET_FILTER_PUSHDOWN = entry("spark.sql.parquet.filterPushdown", "boolean",
            "`true`", "Parquet reads (batch and streaming) skip the row groups whose statistics, dictionaries or bloom"
                    + " filters rule out a query's pushed filters; `false` reads every row group (the rows are the same)");
    public static final ConfigEntry NESTED_SCHEMA_PRUNING = entry("spark.sql.optimizer.nestedSchemaPruning.enabled",
            "boolean", "`true`", "streaming sources that can (Parquet files) read only the struct fields a query"
                    + " uses; `false`: whole columns only");
    public static final ConfigEntry HADOOP = entry("spark.hadoop.<key>", "string", "none",
            "copied (prefix removed) into the Hadoop `Configuration` of non-local file access: `fs.defaultFS`,"
                    + " `fs.s3a.*`, `fs.<scheme>.impl`, ... (see \"File systems\" below)");
    public static final ConfigEntry SCHEMA_INFERENCE = entry("spark.sql.streaming.schemaInference", "boolean",
            "`false`", "infer the schema of file streams from the files present at start");
    public static final ConfigEntry CHECKPOINT_LOCATION = entry("spark.sql.streaming.checkpointLocation", "string",
            "none", "a folder under which a query without its own `checkpointLocation` option gets"
                    + " `<folder>/<queryName or a random id>`");
    public static final ConfigEntry MIN_BATCHES_TO_RETAIN = entry("spark.sql.streaming.minBatchesToRetain", "int",
            "`100`", "how many batches of the offset and commit logs and of state store versions stay loadable");
    public static final ConfigEntry MULTIPLE_WATERMARK_POLICY = entry("spark.sql.streaming.multipleWatermarkPolicy",
            "string", "`min`", "`min` or `max`: how a query with several watermarked inputs combines them");
    public static final ConfigEntry STATEFUL_OPERATOR_ALLOW_MULTIPLE = entry(
            "spark.sql.streaming.statefulOperator.allowMultiple", "boolean", "`true`",
            "each stateful operator gets its own watermark, propagated through the plan (a second `withWatermark`"
                    + " downstream fails with `_LEGACY_ERROR_TEMP_3076`); `false`: every operator uses the global"
                    + " watermark");
    public static final ConfigEntry REAL_TIME_MIN_BATCH_DURATION = entry(
            "spark.sql.streaming.realTimeMode.minBatchDuration", "long", "`5000`",
            "the shortest checkpoint interval (ms) `Trigger.RealTime` accepts at `start()`");
    public static final ConfigEntry REAL_TIME_ALLOWLIST_CHECK = entry("spark.sql.streaming.realTimeMode.allowlistCheck",
            "boolean", "`true`", "`false` lets `Trigger.RealTime` run operators outside its allowlist, at your own risk");
    public static final ConfigEntry NO_DATA_MICRO_BATCHES = entry("spark.sql.streaming.noDataMicroBatches.enabled",
            "boolean", "`true`", "run a batch without new data when the watermark moved (emits windows, evicts state)");
    public static final ConfigEntry NO_DATA_PROGRESS_INTERVAL = entry(
            "spark.sql.streaming.noDataProgressEventInterval", "long", "`10000`",
            "milliseconds between two idle progress events (`onQueryIdle`) of a query that finds no data");
    public static final ConfigEntry STOP_GRACEFULLY = entry("spark.streaming.stopGracefullyOnShutdown", "boolean",
            "`false`", "on JVM shutdown, stop streaming queries after the current batch");
    public static final ConfigEntry CHECKPOINT_FSYNC = entry("spark.sql.streaming.checkpoint.fsync", "boolean", "`true`",
            "Sluice extension. `true`: each checkpoint file of the engine (`metadata`, `offsets/<id>`, `commits/<id>`)"
                    + " is fsynced, then renamed into place and its folder fsynced, so a batch's entries survive a power"
                    + " loss once written (4 fsyncs per batch, most of a 1-row batch's latency on a real disk; the"
                    + " commit entry's file is fsynced while the batch runs, so 3 are on its path)."
                    + " `false`: Spark's behaviour for local checkpoints, the same files written the same way (temp"
                    + " file, atomic rename) without fsync: a process crash still leaves only complete files, but a"
                    + " power loss or kernel crash can lose the latest entries or leave one truncated (the restart then"
                    + " fails naming the corrupted file). State store files, source logs and sink logs are always"
                    + " fsynced. Only `true`/`false` are accepted.");
    public static final ConfigEntry STATE_STORE_PROVIDER = entry("spark.sql.streaming.stateStore.providerClass",
            "class", "`hdfs` (in-memory)", "the state store: `hdfs` (Sluice's in-memory provider with delta files and"
                    + " snapshots), `rocksdb` (needs `engine-state`), or a provider class name");
    public static final ConfigEntry STATE_MIN_DELTAS = entry("spark.sql.streaming.stateStore.minDeltasForSnapshot",
            "int", "`10`", "in-memory store: delta files between two snapshots");
    public static final ConfigEntry ROCKSDB_BLOCK_CACHE = entry(
            "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB", "int", "`8`", "RocksDB store: block cache (MB)");
    public static final ConfigEntry ROCKSDB_WRITE_BUFFER = entry(
            "spark.sql.streaming.stateStore.rocksdb.writeBufferSizeMB", "int", "`16`",
            "RocksDB store: write buffer (MB)");
    public static final ConfigEntry SOURCE_LOG_COMPACT = entry("spark.sql.streaming.fileSource.log.compactInterval",
            "int", "`10`", "every N-th batch of a file source's seen-files log (`sources/<n>/`) is a `.compact` file"
                    + " holding every entry so far");
    public static final ConfigEntry SOURCE_LOG_DELETION = entry("spark.sql.streaming.fileSource.log.deletion",
            "boolean", "`true`", "delete the file source log's batch files older than the latest compaction");
    public static final ConfigEntry SOURCE_LOG_CLEANUP_DELAY = entry("spark.sql.streaming.fileSource.log.cleanupDelay",
            "duration", "`10m`", "... once they are at least this old (readers may still be using them)");
    public static final ConfigEntry SINK_LOG_COMPACT = entry("spark.sql.streaming.fileSink.log.compactInterval", "int",
            "`10`", "the same for the file sink's `_spark_metadata` log");
    public static final ConfigEntry SINK_LOG_DELETION = entry("spark.sql.streaming.fileSink.log.deletion", "boolean",
            "`true`", "the same for the file sink's log");
    public static final ConfigEntry SINK_LOG_CLEANUP_DELAY = entry("spark.sql.streaming.fileSink.log.cleanupDelay",
            "duration", "`10m`", "the same for the file sink's log");
    public static final ConfigEntry SOURCE_KINDS = entry("spark.sluice.sourceKinds", "string",
            "the query's sources, recorded", "Not a setting: the kind of each source of a streaming query in plan order"
                    + " (`json,rate`: the format's short name, `MemoryStream`), written to the offset log with every"
                    + " batch. A restart whose source at some position is of another kind is refused at `start()`"
                    + " (`SLUICE_CHECKPOINT.SOURCE_CHANGED`); offset logs written before it existed record none and"
                    + " are not checked until the next batch records it.");
    public static final ConfigEntry STATE_KEY_GROUPS = entry("spark.sluice.state.keyGroups", "int",
            "max(128, `spark.sql.shuffle.partitions`), recorded", "Not a setting: the number of key-groups a stateful"
                    + " query's state keys are hashed into, written to the offset log when the query first runs and read"
                    + " back on every restart. Each state partition owns a contiguous range of key-groups, so a restart"
                    + " with another `spark.sql.shuffle.partitions` moves whole key-groups (at most one partition per"
                    + " key-group). A checkpoint written before key-groups existed records none and keeps its original"
                    + " routing.");
    public static final ConfigEntry STATE_ROUTING_VERSION = entry("spark.sluice.state.routingVersion", "int",
            "2, recorded", "Not a setting: how a stateful query's state keys are routed to key-groups, written to the"
                    + " offset log when the query first runs and read back on every restart. Version 2 routes every entry"
                    + " of one `transformWithState` grouping key (each state variable's, its timers) to one partition, so"
                    + " the partitions of a batch run on the query's threads at once; a checkpoint written before it"
                    + " records none (version 1: each entry routed by its whole key) and keeps running its partitions as"
                    + " one.");
    public static final ConfigEntry STATE_JOIN_LAYOUT = entry("spark.sluice.state.joinLayoutVersion", "int",
            "`2`, recorded", "Sluice extension: how a stream-stream join keeps its buffered rows, read when a query first"
                    + " runs and then written to the offset log and read back on every restart. `2` keeps a join key's"
                    + " rows in a few blocks (one store entry and one changelog record per key and batch); `1` is Spark's"
                    + " layout (a count per key and one entry per row). A checkpoint written before it records none and"
                    + " keeps `1`; a version the build does not know is refused (`SLUICE_CHECKPOINT.INCOMPATIBLE_STATE`)."
                    + " The `statestore` source shows both the same way.");
    public static final ConfigEntry MEMORY_BUDGET = entry("spark.sluice.execution.memoryBudget", "bytes",
            "60% of the maximum heap", "Sluice extension. The most one execution (a batch action, or one micro-batch)"
                    + " may hold in gathered rows: the micro-batch's input, and what pipeline breakers hold (sort,"
                    + " window, session and join inputs, stateful operators' inputs, aggregation results). Past it the"
                    + " batch fails with `MEMORY_BUDGET_EXCEEDED` naming the operator; lower the source's"
                    + " `maxFilesPerTrigger`/`maxOffsetsPerTrigger` or raise the budget. Bytes, or with a `k`/`m`/`g`"
                    + " suffix (`512m`). Streaming pipelines (filter, project, explode) are not counted: they hold a few"
                    + " chunks per thread.");
    public static final ConfigEntry METRICS_ENABLED = entry("spark.sql.streaming.metricsEnabled", "boolean", "`false`",
            "Spark's: queries started while true report metrics (JMX MBeans, Micrometer gauges, the UI's `/metrics`);"
                    + " see [OPERATIONS.md](OPERATIONS.md#metrics)");
    public static final ConfigEntry SLOW_BATCH_THRESHOLD = entry("spark.sql.streaming.log.slowBatchThresholdMs", "long",
            "`10000`", "Sluice extension: a batch slower than this (ms) is logged at WARN naming its slowest phase;"
                    + " `0` turns the warning off; only whole numbers");
    public static final ConfigEntry UI_ENABLED = entry("spark.ui.enabled", "boolean", "`false`",
            "start the web UI with the session (needs the `engine-ui` module; Spark's default is `true`); see"
                    + " [OPERATIONS.md](OPERATIONS.md#the-web-ui)");
    public static final ConfigEntry UI_PORT = entry("spark.ui.port", "int", "`4040`",
            "the UI's port (`0`: any free port)");
    public static final ConfigEntry PORT_MAX_RETRIES = entry("spark.port.maxRetries", "int", "`16`",
            "how many next ports the UI tries when its port is taken");
    public static final ConfigEntry UI_BIND_ADDRESS = entry("spark.ui.bindAddress", "string", "`127.0.0.1`",
            "Sluice extension: the UI's listening address; anything reachable from other machines must be set"
                    + " explicitly");
    public static final ConfigEntry SHOW_CONSOLE_PROGRESS = entry("spark.ui.showConsoleProgress", "boolean", "`false`",
            "Spark's (read when the session is created): draw console progress bars for `Trigger.AvailableNow` file"
                    + " and Kafka runs and for batch reads over files, only when the process has a terminal");

    /** Every entry, in the order of the documentation's table. */
    public static final List<ConfigEntry> ALL = List.of(APP_NAME, MASTER, SESSION_TIME_ZONE, ANSI_ENABLED,
            SHUFFLE_PARTITIONS, LEAF_NODE_DEFAULT_PARALLELISM, CASE_SENSITIVE, SOURCES_DEFAULT, WAREHOUSE_DIR,
            FILES_IGNORE_CORRUPT, FILES_IGNORE_MISSING,
            PARQUET_MERGE_SCHEMA, PARQUET_VECTORIZED, PARQUET_FILTER_PUSHDOWN, NESTED_SCHEMA_PRUNING, HADOOP,
            SCHEMA_INFERENCE,
            CHECKPOINT_LOCATION, MIN_BATCHES_TO_RETAIN, MULTIPLE_WATERMARK_POLICY, STATEFUL_OPERATOR_ALLOW_MULTIPLE,
            REAL_TIME_MIN_BATCH_DURATION, REAL_TIME_ALLOWLIST_CHECK, NO_DATA_MICRO_BATCHES, NO_DATA_PROGRESS_INTERVAL,
            STOP_GRACEFULLY,
            CHECKPOINT_FSYNC, STATE_STORE_PROVIDER, STATE_MIN_DELTAS, ROCKSDB_BLOCK_CACHE, ROCKSDB_WRITE_BUFFER,
            SOURCE_LOG_COMPACT, SOURCE_LOG_DELETION, SOURCE_LOG_CLEANUP_DELAY, SINK_LOG_COMPACT, SINK_LOG_DELETION,
            SINK_LOG_CLEANUP_DELAY, SOURCE_KINDS, STATE_KEY_GROUPS, STATE_ROUTING_VERSION, STATE_JOIN_LAYOUT, MEMORY_BUDGET, METRICS_ENABLED, SLOW_BATCH_THRESHOLD, UI_ENABLED,
            UI_PORT, PORT_MAX_RETRIES, UI_BIND_ADDRESS, SHOW_CONSOLE_PROGRESS);

    /** The entry declaring {@code key}, or null. */
    public static ConfigEntry find(String key) {
        for (ConfigEntry e : ALL) {
            if (e.matches(key)) {
                return e;
            }
        }
        return null;
    }

    /** The Markdown table of {@link #ALL}, as docs/CONFIGURATION.md holds it. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| key | type | default | since | meaning |\n|---|---|---|---|---|\n");
        for (ConfigEntry e : ALL) {
            out.append("| `").append(e.key()).append("` | ").append(e.type()).append(" | ").append(e.defaultText())
                    .append(" | ").append(e.since()).append(" | ").append(e.doc().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
