package dev.sluice.sql;

import dev.sluice.analysis.AstConverter;
import dev.sluice.api.java.function.FilterFunction;
import dev.sluice.api.java.function.FlatMapFunction;
import dev.sluice.api.java.function.ForeachFunction;
import dev.sluice.api.java.function.ForeachPartitionFunction;
import dev.sluice.api.java.function.MapFunction;
import dev.sluice.api.java.function.MapPartitionsFunction;
import dev.sluice.api.java.function.ReduceFunction;
import dev.sluice.analysis.ExpressionResolver;
import dev.sluice.analysis.JavaValues;
import dev.sluice.analysis.PlanBuilder;
import dev.sluice.batch.Chunk;
import dev.sluice.exec.Chunks;
import dev.sluice.exec.ShowFormatter;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A distributed collection of rows described by an analyzed, immutable logical plan, with Spark's Java
 * API. Transformations (select, filter, groupBy, join, ...) are checked immediately and return new
 * Datasets; actions (show, collectAsList, count) run the plan. Thread-safe: a Dataset is a value.
 *
 * <p>A Dataset is typed by its {@link Encoder}: {@code Dataset<Row>} (a DataFrame) hands out {@link Row}s,
 * {@code Dataset<T>} from {@link #as(Encoder)}, {@code createDataset}, {@link #map} and the other typed
 * operations hands out objects of {@code T} from its actions ({@link #collectAsList()}, {@link #first()} ...).
 *
 * @param <T> the object type: {@link Row} for a DataFrame
 */
public class Dataset<T> extends DatasetPartitioning<T> {
    private final SluiceSession session;
    private final LogicalPlan plan;
    private final Encoder<T> encoder;

    Dataset(SluiceSession session, LogicalPlan plan) {
        this(session, plan, null);
    }

    /** A typed Dataset: {@code encoder} converts its rows to objects ({@code null}: untyped rows). */
    Dataset(SluiceSession session, LogicalPlan plan, Encoder<T> encoder) {
        this.session = session;
        this.plan = plan;
        this.encoder = encoder;
    }

    /** A Dataset of the same type over {@code newPlan} (same columns). */
    private Dataset<T> typed(LogicalPlan newPlan) {
        return new Dataset<>(session, newPlan, encoder);
    }

    /** A DataFrame over an analyzed plan (internal API). */
    public static Dataset<Row> ofRows(SluiceSession session, LogicalPlan plan) {
        return new Dataset<>(session, plan);
    }

    public SluiceSession sparkSession() {
        return session;
    }

    /** The analyzed logical plan (internal API). */
    public LogicalPlan logicalPlan() {
        return plan;
    }

    private PlanBuilder builder() {
        return session.planBuilder();
    }

    private Dataset<Row> with(LogicalPlan newPlan) {
        return new Dataset<>(session, newPlan);
    }

    private static List<Expression> expressions(Column[] columns) {
        List<Expression> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.expr());
        }
        return out;
    }

    private static Column[] columns(String first, String... rest) {
        Column[] out = new Column[rest.length + 1];
        out[0] = new Column(first);
        for (int i = 0; i < rest.length; i++) {
            out[i + 1] = new Column(rest[i]);
        }
        return out;
    }

    // ---- schema

    public StructType schema() {
        return plan.schema();
    }

    /** Prints {@link StructType#treeString()} and, as Spark's {@code println}, an empty line after it. */
    public void printSchema() {
        System.out.println(schema().treeString());
    }

    public String[] columns() {
        return schema().fieldNames();
    }

    public boolean isStreaming() {
        return plan.isStreaming();
    }

    /** The column named {@code colName} of this Dataset, bound to it (usable in joins to disambiguate). */
    public Column col(String colName) {
        if (colName.equals("*") || colName.endsWith(".*")) {
            return new Column(colName);
        }
        List<String> parts = dev.sluice.expr.UnresolvedAttribute.quoted(colName).nameParts();
        try {
            return new Column(new ExpressionResolver(plan.output(), session.functionContext()).resolveName(parts));
        } catch (AnalysisException e) {
            // Spark's Dataset.col resolves eagerly and lists every field in schema order, without a plan.
            if ("UNRESOLVED_COLUMN.WITH_SUGGESTION".equals(e.getCondition())) {
                throw dev.sluice.analysis.UnresolvedColumns.listingFields(parts, columns());
            }
            throw e;
        }
    }

    public Column apply(String colName) {
        return col(colName);
    }

    // ---- typed API (the operations themselves live in TypedOperations)

    /**
     * This Dataset's rows seen as objects of {@code encoder}'s type, as Spark's {@code as(Encoder)}: a bean reads
     * the columns named as its properties, a single-value encoder the first column; a column of another type is
     * cast when that cannot lose data (Spark's up-cast rule). As Spark, the columns are not projected: the schema,
     * {@code show()} and untyped operations still see every column; typed operations and actions see objects.
     *
     * @throws AnalysisException {@code CANNOT_UP_CAST_DATATYPE} when a column cannot be up-cast to its field (a
     *     string read into an int), or for a field without a column
     */
    public <U> Dataset<U> as(Encoder<U> encoder) {
        Deserializers.of(encoder, plan, session.functionContext()); // checks it now, as Spark's analyzer
        return new Dataset<>(session, plan, encoder);
    }

    /** The encoder of this Dataset's objects ({@link Encoders#row} of the schema for an untyped Dataset). */
    @SuppressWarnings("unchecked")
    public Encoder<T> encoder() {
        return encoder != null ? encoder : (Encoder<T>) Encoders.row(schema());
    }

    /** The expressions giving the encoder's columns over this plan (internal). */
    List<Expression> deserializer() {
        return Deserializers.of(encoder, plan, session.functionContext());
    }

    @Override
    Encoder<T> rawEncoder() {
        return encoder;
    }

    /** The plan whose rows are exactly the encoder's columns (internal). */
    @Override
    LogicalPlan objectPlan() {
        return encoder == null ? plan : new Project(deserializer(), plan);
    }

    /**
     * The object of one row of this Dataset's plan, as a sink receives the rows (internal API: the typed
     * {@code foreach} sink uses it). Columns read as they are are picked by position; up-cast columns are cast.
     */
    @SuppressWarnings("unchecked")
    public java.util.function.Function<Row, T> rowDecoder() {
        return encoder == null ? row -> (T) row
                : Deserializers.rowDecoder(encoder, deserializer(), plan, session.conf().sessionTimeZone());
    }

    /** This Dataset over {@code newPlan} with another encoder (internal). */
    <U> Dataset<U> withEncoder(LogicalPlan newPlan, Encoder<U> newEncoder) {
        return new Dataset<>(session, newPlan, newEncoder);
    }

    /**
     * Groups the objects of this Dataset by the key {@code func} computes, as Spark's {@code groupByKey}.
     */
    public <K> KeyValueGroupedDataset<K, T> groupByKey(dev.sluice.api.java.function.MapFunction<T, K> func,
                                                       Encoder<K> keyEncoder) {
        return new KeyValueGroupedDataset<>(new Dataset<>(session, objectPlan(), encoder), func, keyEncoder,
                encoder());
    }

    /**
     * The objects {@code func} returns for each object, as Spark's {@code map}; runs in batch and streaming
     * queries (stateless). {@code func} may be called from several threads at once.
     */
    public <U> Dataset<U> map(MapFunction<T, U> func, Encoder<U> encoder) {
        return TypedOperations.map(this, func, encoder);
    }

    /** The objects of the iterators {@code func} returns for each object, as Spark's {@code flatMap}. */
    public <U> Dataset<U> flatMap(FlatMapFunction<T, U> func, Encoder<U> encoder) {
        return TypedOperations.flatMap(this, func, encoder);
    }

    /**
     * The objects {@code func} returns for each partition, as Spark's {@code mapPartitions}; a Sluice partition
     * is a morsel of input rows (at most a chunk), so {@code func} is called once per morsel.
     */
    public <U> Dataset<U> mapPartitions(MapPartitionsFunction<T, U> func, Encoder<U> encoder) {
        return TypedOperations.mapPartitions(this, func, encoder);
    }

    /** The objects for which {@code func} returns true, as Spark's {@code filter(FilterFunction)}; all columns stay. */
    public Dataset<T> filter(FilterFunction<T> func) {
        return typed(TypedOperations.filter(this, func));
    }

    /** Calls {@code func} on every object (an action; from several threads at once). */
    public void foreach(ForeachFunction<T> func) {
        runForEffect(TypedOperations.foreach(this, func));
    }

    /** Calls {@code func} once per partition (a morsel of input rows; an action). */
    public void foreachPartition(ForeachPartitionFunction<T> func) {
        runForEffect(TypedOperations.foreachPartition(this, func));
    }

    /**
     * Combines every object with {@code func}, as Spark's {@code reduce} (an action).
     *
     * @throws UnsupportedOperationException {@code empty collection} for an empty Dataset, as Spark
     */
    public T reduce(ReduceFunction<T> func) {
        T result = null;
        boolean any = false;
        for (T value : collectAsList()) {
            try {
                result = any ? func.call(result, value) : value;
            } catch (Exception e) {
                throw TypedOperations.failure("reduce", e);
            }
            any = true;
        }
        if (!any) {
            throw new UnsupportedOperationException("empty collection");
        }
        return result;
    }

    // ---- transformations

    public Dataset<Row> select(Column... cols) {
        return with(builder().project(plan, expressions(cols)));
    }

    /**
     * The result of a typed aggregate over this Dataset's objects ({@code ds.select(agg.toColumn())}), as
     * Spark's typed {@code select}: one row holding the aggregate of every object.
     */
    public <U> Dataset<U> select(TypedColumn<T, U> column) {
        Dataset<Row> result = select(column.over(this));
        Encoder<U> out = column.encoder();
        boolean bean = out instanceof BeanEncoder<?>;
        return (bean ? result.select(new Column(column.alias() + ".*")) : result).as(out);
    }

    public Dataset<Row> select(String col, String... cols) {
        return select(columns(col, cols));
    }

    /** Projects SQL expressions, e.g. {@code selectExpr("a + 1 AS b", "explode(items) AS item")}. */
    public Dataset<Row> selectExpr(String... exprs) {
        Column[] cols = new Column[exprs.length];
        for (int i = 0; i < exprs.length; i++) {
            cols[i] = new Column(AstConverter.parseExpression(exprs[i]));
        }
        return select(cols);
    }

    public Dataset<Row> withColumn(String colName, Column col) {
        return with(builder().withColumn(plan, colName, col.expr()));
    }

    /** {@link #withColumn} for each entry of {@code colsMap}, in the map's order, as Spark's {@code withColumns}. */
    public Dataset<Row> withColumns(java.util.Map<String, Column> colsMap) {
        Dataset<Row> out = toDF();
        for (java.util.Map.Entry<String, Column> e : colsMap.entrySet()) {
            out = out.withColumn(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Each row as a JSON object in a string column {@code value}, as Spark's {@code toJSON} ({@code to_json}). */
    public Dataset<String> toJSON() {
        return toDF().select(functions.to_json(functions.struct(functions.col("*"))).alias("value"))
                .as(Encoders.STRING());
    }

    /**
     * Replaces the metadata of column {@code columnName}, as Spark's {@code withMetadata}: the column keeps its
     * name, values and place.
     */
    public Dataset<Row> withMetadata(String columnName, dev.sluice.sql.types.Metadata metadata) {
        return withColumn(columnName, functions.col(columnName).as(columnName, metadata));
    }

    public Dataset<Row> withColumnRenamed(String existingName, String newName) {
        List<Expression> projections = new ArrayList<>();
        boolean found = false;
        for (AttributeReference a : plan.output()) {
            if (a.name().equalsIgnoreCase(existingName)) {
                projections.add(new dev.sluice.expr.Alias(a, newName));
                found = true;
            } else {
                projections.add(a);
            }
        }
        return found ? with(new Project(projections, plan)) : new Dataset<>(session, plan);
    }

    /** Drops columns by name; names that do not exist are ignored, as Spark. */
    public Dataset<Row> drop(String... colNames) {
        List<Expression> kept = new ArrayList<>();
        for (AttributeReference a : plan.output()) {
            if (Arrays.stream(colNames).noneMatch(n -> n.equalsIgnoreCase(a.name()))) {
                kept.add(a);
            }
        }
        return with(new Project(kept, plan));
    }

    public Dataset<Row> drop(Column col) {
        Expression e = builder().resolve(col.expr(), plan);
        List<Expression> kept = new ArrayList<>();
        for (AttributeReference a : plan.output()) {
            if (!(e instanceof AttributeReference r && r.exprId() == a.exprId())) {
                kept.add(a);
            }
        }
        return with(new Project(kept, plan));
    }

    /** Renames all columns, in order. */
    public Dataset<Row> toDF(String... colNames) {
        List<AttributeReference> output = plan.output();
        if (colNames.length != output.size()) {
            throw new AnalysisException("NUM_COLUMNS_MISMATCH", "The number of columns doesn't match. Old column"
                    + " names (" + output.size() + "): " + String.join(", ", columns()) + ". New column names ("
                    + colNames.length + "): " + String.join(", ", colNames) + ".", "42826");
        }
        List<Expression> projections = new ArrayList<>();
        for (int i = 0; i < colNames.length; i++) {
            projections.add(new dev.sluice.expr.Alias(output.get(i), colNames[i]));
        }
        return with(new Project(projections, plan));
    }

    public Dataset<Row> toDF() {
        return with(plan);
    }

    /**
     * Statistics of the numeric and string columns, as strings, one row per statistic: {@code count},
     * {@code mean}, {@code stddev}, {@code min}, {@code 25%}, {@code 50%}, {@code 75%}, {@code max} by default (Spark's
     * {@code summary}; also {@code count_distinct} and any percentile).
     */
    public Dataset<Row> summary(String... statistics) {
        return Summaries.summary(this, statistics);
    }

    /** {@code count}, {@code mean}, {@code stddev}, {@code min}, {@code max} of {@code cols} (default: all). */
    public Dataset<Row> describe(String... cols) {
        Dataset<Row> selected = cols.length == 0 ? toDF() : select(cols[0], java.util.Arrays.copyOfRange(cols, 1,
                cols.length));
        return Summaries.summary(selected, "count", "mean", "stddev", "min", "max");
    }

    /** The statistic functions ({@code corr}, {@code cov}, {@code crosstab}, ...) over this Dataset's rows. */
    public DataFrameStatFunctions stat() {
        return new DataFrameStatFunctions(toDF());
    }

    /** The missing-data functions ({@code drop}, {@code fill}, {@code replace}) over this Dataset's rows. */
    public DataFrameNaFunctions na() {
        return new DataFrameNaFunctions(toDF());
    }

    public Dataset<T> filter(Column condition) {
        return typed(builder().filter(plan, condition.expr()));
    }

    /** Filters with a SQL condition, e.g. {@code filter("Amount > 100")}. */
    public Dataset<T> filter(String conditionExpr) {
        return filter(new Column(AstConverter.parseExpression(conditionExpr)));
    }

    public Dataset<T> where(Column condition) {
        return filter(condition);
    }

    public Dataset<T> where(String conditionExpr) {
        return filter(conditionExpr);
    }

    public RelationalGroupedDataset groupBy(Column... cols) {
        return new RelationalGroupedDataset(this, expressions(cols));
    }

    public RelationalGroupedDataset groupBy(String col, String... cols) {
        return groupBy(columns(col, cols));
    }

    /** Aggregation over every prefix of {@code cols} (with subtotals and a grand total), as Spark's. */
    public RelationalGroupedDataset rollup(Column... cols) {
        return RelationalGroupedDataset.rollup(this, expressions(cols));
    }

    public RelationalGroupedDataset rollup(String col, String... cols) {
        return rollup(columns(col, cols));
    }

    /** Aggregation over every subset of {@code cols}, as Spark's. */
    public RelationalGroupedDataset cube(Column... cols) {
        return RelationalGroupedDataset.cube(this, expressions(cols));
    }

    public RelationalGroupedDataset cube(String col, String... cols) {
        return cube(columns(col, cols));
    }

    /** Global aggregation: {@code df.agg(sum("x"))}. */
    public Dataset<Row> agg(Column expr, Column... exprs) {
        return groupBy().agg(expr, exprs);
    }

    public Dataset<T> orderBy(Column... sortExprs) {
        return typed(builder().sort(plan, expressions(sortExprs)));
    }

    public Dataset<T> orderBy(String sortCol, String... sortCols) {
        return orderBy(columns(sortCol, sortCols));
    }

    public Dataset<T> sort(Column... sortExprs) {
        return orderBy(sortExprs);
    }

    public Dataset<T> sort(String sortCol, String... sortCols) {
        return orderBy(sortCol, sortCols);
    }

    public Dataset<T> limit(int n) {
        return typed(new Limit(n, plan));
    }

    /** UNION ALL by column position (Spark's {@code union}). */
    public Dataset<T> union(Dataset<T> other) {
        return typed(builder().union(plan, other.plan));
    }

    public Dataset<T> unionAll(Dataset<T> other) {
        return union(other);
    }

    public Dataset<T> unionByName(Dataset<T> other) {
        return typed(builder().unionByName(plan, other.plan));
    }

    /**
     * {@link #unionByName(Dataset)}; with {@code allowMissingColumns}, a column missing on one side is NULL there,
     * and the result has this Dataset's columns, then the other's remaining ones, as Spark.
     */
    public Dataset<T> unionByName(Dataset<T> other, boolean allowMissingColumns) {
        return typed(builder().unionByName(plan, other.plan, allowMissingColumns));
    }

    /** The rows of this Dataset that are not in {@code other}, once each, as Spark's {@code except} (EXCEPT DISTINCT). */
    public Dataset<T> except(Dataset<T> other) {
        return withEncoder(SetOperations.distinct(this, other, true).logicalPlan(), encoder);
    }

    /** {@link #except} keeping duplicates: each row as many times as it is here more than in {@code other}. */
    public Dataset<T> exceptAll(Dataset<T> other) {
        return withEncoder(SetOperations.all(this, other, true).logicalPlan(), encoder);
    }

    /** The rows in both Datasets, once each, as Spark's {@code intersect} (INTERSECT DISTINCT). */
    public Dataset<T> intersect(Dataset<T> other) {
        return withEncoder(SetOperations.distinct(this, other, false).logicalPlan(), encoder);
    }

    /** {@link #intersect} keeping duplicates: each row as many times as the fewer of its copies on either side. */
    public Dataset<T> intersectAll(Dataset<T> other) {
        return withEncoder(SetOperations.all(this, other, false).logicalPlan(), encoder);
    }

    public Dataset<T> distinct() {
        return dropDuplicates();
    }

    /**
     * Defines the event-time watermark of this streaming Dataset: {@code eventTime} (a timestamp column, or a
     * {@code window} struct) may be late by at most {@code delayThreshold} (e.g. {@code "10 minutes"}).
     * Stateful operators downstream drop rows older than the watermark and evict their state; a batch query
     * ignores it.
     *
     * @throws AnalysisException for a bad interval, an unknown column or a column that is not a timestamp
     * @throws IllegalArgumentException for a negative delay
     */
    public Dataset<T> withWatermark(String eventTime, String delayThreshold) {
        return typed(builder().withWatermark(plan, eventTime, delayThreshold));
    }

    public Dataset<T> dropDuplicates() {
        return typed(builder().deduplicate(plan, List.of()));
    }

    public Dataset<T> dropDuplicates(String col1, String... cols) {
        List<String> names = new ArrayList<>();
        names.add(col1);
        names.addAll(Arrays.asList(cols));
        return typed(builder().deduplicate(plan, names));
    }

    public Dataset<T> dropDuplicates(String[] colNames) {
        return typed(builder().deduplicate(plan, Arrays.asList(colNames)));
    }

    /**
     * Drops rows whose columns all equal those of an earlier row, as {@link #dropDuplicates()}; on a stream
     * with a watermark, a row is compared only with rows seen less than the watermark delay before it (by
     * event time), so the state of a key is dropped once the watermark passes its event time plus the delay.
     * A streaming query without watermark is rejected when it starts.
     */
    public Dataset<T> dropDuplicatesWithinWatermark() {
        return typed(builder().deduplicate(plan, List.of(), true));
    }

    /** {@link #dropDuplicatesWithinWatermark()} on the named columns only. */
    public Dataset<T> dropDuplicatesWithinWatermark(String col1, String... cols) {
        List<String> names = new ArrayList<>();
        names.add(col1);
        names.addAll(Arrays.asList(cols));
        return typed(builder().deduplicate(plan, names, true));
    }

    /** Names this Dataset so its columns can be referred to as {@code alias.column}. */
    public Dataset<T> alias(String alias) {
        return typed(new SubqueryAlias(alias, plan));
    }

    public Dataset<T> as(String alias) {
        return alias(alias);
    }

    public Dataset<Row> join(Dataset<?> right) {
        return with(builder().join(plan, right.plan, null, JoinType.INNER));
    }

    public Dataset<Row> crossJoin(Dataset<?> right) {
        return with(builder().join(plan, right.plan, null, JoinType.CROSS));
    }

    /** Inner equi-join on a column present on both sides; it appears once in the output. */
    public Dataset<Row> join(Dataset<?> right, String usingColumn) {
        return join(right, List.of(usingColumn), "inner");
    }

    public Dataset<Row> join(Dataset<?> right, String usingColumn, String joinType) {
        return join(right, List.of(usingColumn), joinType);
    }

    public Dataset<Row> join(Dataset<?> right, List<String> usingColumns, String joinType) {
        return with(builder().joinUsing(plan, right.plan, usingColumns, JoinType.fromString(joinType)));
    }

    public Dataset<Row> join(Dataset<?> right, Column joinExprs) {
        return join(right, joinExprs, "inner");
    }

    public Dataset<Row> join(Dataset<?> right, Column joinExprs, String joinType) {
        return with(builder().join(plan, right.plan, joinExprs.expr(), JoinType.fromString(joinType)));
    }

    /**
     * The pairs of objects of this Dataset and {@code other} for which {@code condition} holds, as Spark's
     * {@code joinWith}: columns {@code _1} and {@code _2} (each side's value, or a struct of its columns; null
     * for the missing side of an outer join). Spark returns {@code scala.Tuple2}; Sluice returns its
     * {@link dev.sluice.api.java.Tuple2}, whose {@code _1()}/{@code _2()} are the same.
     *
     * @throws AnalysisException {@code INVALID_JOIN_TYPE_FOR_JOINWITH} for a semi or anti join
     */
    public <U> Dataset<dev.sluice.api.java.Tuple2<T, U>> joinWith(Dataset<U> other, Column condition,
                                                                  String joinType) {
        return JoinWith.joinWith(this, other, condition, joinType);
    }

    /** {@link #joinWith(Dataset, Column, String)} as an inner join. */
    public <U> Dataset<dev.sluice.api.java.Tuple2<T, U>> joinWith(Dataset<U> other, Column condition) {
        return joinWith(other, condition, "inner");
    }

    /** Registers this Dataset as a temporary view readable with {@code session.table(viewName)}. */
    public void createOrReplaceTempView(String viewName) {
        session.registerTempView(viewName, plan);
    }

    /** No-op: Sluice keeps no cache yet; returns this Dataset so Spark code keeps compiling. */
    public Dataset<T> cache() {
        return this;
    }

    public Dataset<T> persist() {
        return this;
    }

    /** No-op, as {@link #cache()}: there is nothing to drop. */
    public Dataset<T> unpersist() {
        return this;
    }

    /** No-op, as {@link #cache()}. */
    public Dataset<T> unpersist(boolean blocking) {
        return this;
    }

    /**
     * Starts defining a streaming query over this streaming Dataset.
     *
     * @throws AnalysisException {@code WRITE_STREAM_NOT_ALLOWED} when this Dataset is not streaming
     */
    public dev.sluice.sql.streaming.DataStreamWriter<T> writeStream() {
        if (!isStreaming()) {
            throw new AnalysisException("WRITE_STREAM_NOT_ALLOWED",
                    "`writeStream` can be called only on streaming Dataset/DataFrame.", "42601");
        }
        return new dev.sluice.sql.streaming.DataStreamWriter<>(this);
    }

    /** A Dataset of the same type and session over {@code newPlan} (for the superclasses' transformations). */
    @Override
    Dataset<T> withPlan(LogicalPlan newPlan) {
        return typed(newPlan);
    }
}
