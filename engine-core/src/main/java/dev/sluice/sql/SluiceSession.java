package dev.sluice.sql;

import dev.sluice.analysis.JavaValues;
import dev.sluice.analysis.PlanBuilder;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.FunctionContext;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point, as Spark's {@code SparkSession}: creates Datasets and holds the configuration. Create
 * it with {@link #builder()} (or {@code Sluice.builder()}); {@code getOrCreate()} returns the active
 * session when one exists. Thread-safe: Datasets may be built and run from several threads.
 */
public final class SluiceSession implements AutoCloseable {
    private static volatile SluiceSession active;

    private final String appName;
    private final String master;
    private final int parallelism;
    private final RuntimeConfig conf;
    private final dev.sluice.sql.catalog.SessionCatalog sessionCatalog;
    private final dev.sluice.sql.streaming.StreamingQueryManager streams =
            new dev.sluice.sql.streaming.StreamingQueryManager(this);
    private final dev.sluice.SluiceContext context = new dev.sluice.SluiceContext(this);
    private final dev.sluice.monitor.SessionPlugins plugins;
    /** Functions registered with {@link #udf()}, by lower-case name. */
    private final Map<String, dev.sluice.expr.FunctionBuilder> functions = new ConcurrentHashMap<>();
    private final UDFRegistration udf = new UDFRegistration(functions);

    private SluiceSession(String appName, String master, Map<String, String> config) {
        this.appName = appName;
        this.master = master;
        this.parallelism = parseParallelism(master);
        this.conf = new RuntimeConfig(config);
        this.sessionCatalog = new dev.sluice.sql.catalog.SessionCatalog(() -> conf.get("spark.sql.warehouse.dir", null));
        this.plugins = dev.sluice.monitor.SessionPlugins.start(this); // last: plugins see a complete session
    }

    /** {@code local}, {@code local[N]} or {@code local[*]}; anything else is rejected. */
    static int parseParallelism(String master) {
        if (master.equals("local")) {
            return 1;
        }
        if (master.equals("local[*]")) {
            return Runtime.getRuntime().availableProcessors();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+)]").matcher(master);
        if (m.matches() && m.group(1).length() < 10 && Integer.parseInt(m.group(1)) > 0) {
            return Integer.parseInt(m.group(1));
        }
        throw new dev.sluice.SluiceIllegalArgumentException("INVALID_CONF_VALUE.REQUIREMENT", "The value '" + master
                + "' in the config \"spark.master\" is invalid. Unsupported master: Sluice runs in-process; use"
                + " local, local[N] or local[*]", "22022");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The session most recently created by {@code getOrCreate()}, if any. */
    public static java.util.Optional<SluiceSession> getActiveSession() {
        return java.util.Optional.ofNullable(active);
    }

    public String appName() {
        return appName;
    }

    public String master() {
        return master;
    }

    /** Number of tasks that run in parallel ({@code local[N]}). */
    public int parallelism() {
        return parallelism;
    }

    /**
     * The version of Sluice this session runs, e.g. {@code 0.1.0} (Spark's {@code SparkSession.version()} gives
     * Spark's; a program that logs it reads Sluice's here).
     */
    public String version() {
        return Version.VALUE;
    }

    /** The version the build wrote into {@code dev/sluice/sluice-version.properties}, read once. */
    private static final class Version {
        static final String VALUE = read();

        private static String read() {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = SluiceSession.class.getResourceAsStream("/dev/sluice/sluice-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot read Sluice's version resource", e);
            }
            return p.getProperty("version", "unknown");
        }
    }

    /**
     * The context of this session, as Spark's {@code SparkSession.sparkContext()}: log level, application name,
     * master, settings and batch-read progress listeners.
     */
    public dev.sluice.SluiceContext sparkContext() {
        return context;
    }

    public RuntimeConfig conf() {
        return conf;
    }

    /** Analysis settings of this session at this moment. */
    public FunctionContext functionContext() {
        return new FunctionContext(conf.sessionTimeZone(), conf.ansiEnabled(), functions);
    }

    /** Registers user-defined functions callable by name in this session ({@code expr}, SQL text). */
    public UDFRegistration udf() {
        return udf;
    }

    PlanBuilder planBuilder() {
        return new PlanBuilder(functionContext());
    }

    /** A Dataset over rows checked against {@code schema}. */
    public Dataset<Row> createDataFrame(List<Row> rows, StructType schema) {
        List<Chunk> chunks = JavaValues.toChunks(rows, schema, conf.sessionTimeZone());
        return Dataset.ofRows(this, new LocalRelation(attributes(schema), chunks, leafParallelism(), true));
    }

    /**
     * A typed Dataset of {@code data}, encoded by {@code encoder} (its columns are the encoder's), as Spark's
     * {@code createDataset}.
     *
     * @throws SluiceException {@code NOT_NULL_ASSERT_VIOLATION} for a null bean or record
     */
    public <T> Dataset<T> createDataset(List<T> data, Encoder<T> encoder) {
        List<Row> rows = new ArrayList<>(data.size());
        for (T value : data) {
            Row row = encoder.toRow(value);
            if (row == null) {
                throw new SluiceException("NOT_NULL_ASSERT_VIOLATION", "NULL value appeared in non-nullable field:"
                        + "\n- root class: \"" + encoder.clsTag().getName() + "\"", "42000", null);
            }
            rows.add(row);
        }
        StructType schema = encoder.schema();
        List<Chunk> chunks = JavaValues.toChunks(rows, schema, conf.sessionTimeZone());
        return new Dataset<>(this, new LocalRelation(attributes(schema), chunks, leafParallelism(), true), encoder);
    }

    /**
     * A DataFrame of Java beans (or records) of {@code beanClass}: one column per property, ordered by name, as
     * Spark's {@code createDataFrame(List, Class)}.
     */
    @SuppressWarnings("unchecked")
    public Dataset<Row> createDataFrame(List<?> data, Class<?> beanClass) {
        return createDataset((List<Object>) data, (Encoder<Object>) Encoders.bean(beanClass)).toDF();
    }

    /** A reader of files and other external data into batch Datasets, as Spark's {@code spark.read()}. */
    public DataFrameReader read() {
        return new DataFrameReader(this);
    }

    /** Fresh output attributes for a schema. */
    public static List<AttributeReference> attributes(StructType schema) {
        List<AttributeReference> out = new ArrayList<>();
        for (StructField f : schema) {
            out.add(AttributeReference.create(f));
        }
        return out;
    }

    /**
     * A Dataset of the numbers from {@code start} (inclusive) to {@code end}: a single non-nullable bigint column
     * {@code id}, as Spark's {@code Dataset<Long> range}; {@code toDF()} gives its rows.
     */
    public Dataset<Long> range(long start, long end) {
        return range(start, end, 1);
    }

    /** {@code range(start, end)} with a step, in {@link #leafParallelism()} partitions. */
    public Dataset<Long> range(long start, long end, long step) {
        return range(start, end, step, leafParallelism());
    }

    /**
     * The numbers {@code start, start + step, ...} before {@code end}, in {@code numPartitions} partitions as
     * Spark's {@code RangeExec} splits them (partition {@code i} of {@code k} holds elements
     * {@code [i·n/k, (i+1)·n/k)}).
     *
     * @throws IllegalArgumentException Spark's {@code requirement failed: step (0) cannot be 0} or a
     *                                  non-positive number of partitions
     */
    public Dataset<Long> range(long start, long end, long step, int numPartitions) {
        if (step == 0) {
            throw new IllegalArgumentException("requirement failed: step (0) cannot be 0");
        }
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("requirement failed: Number of partitions (" + numPartitions
                    + ") must be positive.");
        }
        java.math.BigInteger span = java.math.BigInteger.valueOf(end).subtract(java.math.BigInteger.valueOf(start));
        java.math.BigInteger[] qr = span.divideAndRemainder(java.math.BigInteger.valueOf(step));
        long count = qr[0].longValue() + (qr[1].signum() != 0 && qr[1].signum() == Long.signum(step) ? 1 : 0);
        count = Math.max(0, count);
        List<Chunk> chunks = new ArrayList<>();
        for (long from = 0; from < count; from += Chunk.DEFAULT_ROWS) {
            int n = (int) Math.min(Chunk.DEFAULT_ROWS, count - from);
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = start + (from + i) * step;
            }
            chunks.add(new Chunk(n, LongVector.wrap(DataTypes.LongType, values, n, null)));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false);
        return new Dataset<>(this, new LocalRelation(attributes(schema), chunks, numPartitions, false), Encoders.LONG());
    }

    /**
     * How many partitions local data and ranges are split into: {@code spark.sql.leafNodeDefaultParallelism} when
     * set, else the {@code local[N]} parallelism (Spark's {@code leafNodeDefaultParallelism}).
     */
    public int leafParallelism() {
        String set = conf.get("spark.sql.leafNodeDefaultParallelism", null);
        return set == null ? parallelism : Integer.parseInt(set.trim());
    }

    public Dataset<Long> range(long end) {
        return range(0, end);
    }

    public Dataset<Row> emptyDataFrame() {
        return Dataset.ofRows(this, new LocalRelation(List.of(), List.of()));
    }

    /**
     * The temporary view ({@code createOrReplaceTempView}) or table ({@code saveAsTable}, {@code toTable}) named
     * {@code name}, as Spark's.
     *
     * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}
     */
    public Dataset<Row> table(String name) {
        return Dataset.ofRows(this, Tables.plan(this, name));
    }

    /** The tables and views of this session, as Spark's {@code spark.catalog()}. */
    public dev.sluice.sql.catalog.Catalog catalog() {
        return new dev.sluice.sql.catalog.Catalog(this, sessionCatalog);
    }

    /** Internal: the catalog of this session's tables and views. */
    public dev.sluice.sql.catalog.SessionCatalog sessionCatalog() {
        return sessionCatalog;
    }

    /**
     * Runs a SQL {@code SELECT} over temporary views (see {@code Dataset.createOrReplaceTempView}), e.g.
     * {@code spark.sql("SELECT word, count(*) FROM words GROUP BY word")}.
     */
    public Dataset<Row> sql(String sqlText) {
        return sql(sqlText, dev.sluice.analysis.QueryParameters.NONE);
    }

    /**
     * A parameterized query, as Spark's {@code sql(sqlText, args)}: each {@code ?} marker takes the next argument,
     * a Java value as {@code functions.lit} converts it or a literal {@link Column}; extra arguments are ignored.
     * A marker without an argument fails with {@code UNBOUND_SQL_PARAMETER}.
     */
    public Dataset<Row> sql(String sqlText, Object... args) {
        return sql(sqlText, SqlArguments.positional(args));
    }

    /** A query with named markers ({@code :name}, case-sensitive) bound to {@code args}, as Spark's. */
    public Dataset<Row> sql(String sqlText, Map<String, Object> args) {
        return sql(sqlText, SqlArguments.named(args));
    }

    private Dataset<Row> sql(String sqlText, dev.sluice.analysis.QueryParameters args) {
        return Dataset.ofRows(this, new dev.sluice.analysis.SqlPlanner(planBuilder(),
                name -> Tables.plan(this, name, String.join(".", name)), args).plan(sqlText));
    }

    void registerTempView(String name, LogicalPlan plan) {
        sessionCatalog.createOrReplaceTempView(name, plan);
    }

    /** Defines a streaming input: {@code readStream().format("...").option(...).load()}. */
    public dev.sluice.sql.streaming.DataStreamReader readStream() {
        return new dev.sluice.sql.streaming.DataStreamReader(this);
    }

    /** The streaming queries of this session and their listeners. */
    public dev.sluice.sql.streaming.StreamingQueryManager streams() {
        return streams;
    }

    /** Stops the session, its active streaming queries and its plugins (the web UI). */
    public void stop() {
        for (dev.sluice.sql.streaming.StreamingQuery q : streams.active()) {
            try {
                q.stop();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
        plugins.close();
        synchronized (SluiceSession.class) {
            if (active == this) {
                active = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Builds or returns the active session, as Spark's {@code SparkSession.Builder}. Not thread-safe. */
    public static final class Builder {
        private String appName = "sluice";
        private String master = "local[*]";
        private final Map<String, String> config = new HashMap<>();

        public Builder appName(String name) {
            this.appName = name;
            return this;
        }

        public Builder master(String master) {
            this.master = master;
            return this;
        }

        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public Builder config(String key, long value) {
            return config(key, Long.toString(value));
        }

        public Builder config(String key, boolean value) {
            return config(key, Boolean.toString(value));
        }

        public Builder config(String key, double value) {
            return config(key, Double.toString(value));
        }

        /** Every entry of {@code map}, as Spark's {@code config(java.util.Map)}: values are set as their text. */
        public Builder config(java.util.Map<String, ?> map) {
            map.forEach((key, value) -> config(key, String.valueOf(value)));
            return this;
        }

        /**
         * As Spark's {@code SparkConf}: Java system properties whose name starts with {@code spark.} are defaults
         * of a new session, under the builder's own settings (e.g. {@code -Dspark.ui.enabled=true}).
         */
        private static Map<String, String> withSystemProperties(Map<String, String> config) {
            Map<String, String> out = new HashMap<>();
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark."))
                    .forEach(k -> out.put(k, System.getProperty(k)));
            out.putAll(config);
            return out;
        }

        /** The active session with these settings applied, or a new one. */
        public SluiceSession getOrCreate() {
            synchronized (SluiceSession.class) {
                if (active == null) {
                    active = new SluiceSession(appName, master, withSystemProperties(config));
                } else {
                    config.forEach(active.conf::set);
                }
                return active;
            }
        }
    }
}
