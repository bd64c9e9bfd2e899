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
 * The actions of {@link Dataset} ({@code collect}, {@code show}, {@code explain}, {@code write}, ...), declared in
 * this package-private superclass and inherited, so that Spark's large {@code Dataset} surface is two files of
 * readable size while users see one {@code Dataset} type. Each action plans and runs the Dataset's plan on the
 * calling thread (the execution itself is parallel). Immutable, as the Dataset.
 *
 * @param <T> the type of the Dataset's objects
 */
abstract class DatasetActions<T> {
    DatasetActions() {
    }

    public abstract SluiceSession sparkSession();

    /** The analyzed logical plan (internal API). */
    public abstract LogicalPlan logicalPlan();

    public abstract StructType schema();

    public abstract String[] columns();

    public abstract boolean isStreaming();

    public abstract Encoder<T> encoder();

    /** The encoder, or null for an untyped Dataset (internal). */
    abstract Encoder<T> rawEncoder();

    /** The plan whose rows are exactly the encoder's columns (internal). */
    abstract LogicalPlan objectPlan();

    // ---- actions

    /** A writer of this batch Dataset to external storage, as Spark's {@code df.write()}. */
    @SuppressWarnings("unchecked")
    public DataFrameWriter<T> write() {
        if (isStreaming()) {
            throw new AnalysisException("CALL_ON_STREAMING_DATASET_UNSUPPORTED", "The method `write` can not be"
                    + " called on streaming Dataset/DataFrame.", "42KDE");
        }
        return new DataFrameWriter<>((Dataset<T>) this);
    }

    private List<Chunk> execute(LogicalPlan toRun) {
        if (toRun.isStreaming()) {
            throw new AnalysisException("QUERIES_WITH_STREAMING_SOURCES_MUST_BE_EXECUTED_WITH_WRITESTREAM",
                    "Queries with streaming sources must be executed with writeStream.start().", "42K0E");
        }
        return dev.sluice.exec.physical.ExecutionContext.now(sparkSession().parallelism(), memoryBudget(sparkSession()))
                .collect(dev.sluice.exec.physical.PhysicalPlanner.planQuery(toRun));
    }

    /** The memory budget of an action in {@code session} ({@code spark.sluice.execution.memoryBudget}). */
    static dev.sluice.exec.physical.MemoryBudget memoryBudget(SluiceSession in) {
        return dev.sluice.exec.physical.MemoryBudget.of(
                in.conf().get(dev.sluice.exec.physical.MemoryBudget.KEY, null));
    }

    void runForEffect(LogicalPlan toRun) {
        execute(toRun);
    }

    /** The objects of the rows of {@code toRun} (a plan over {@link #objectPlan()}). */
    @SuppressWarnings("unchecked")
    private List<T> decode(LogicalPlan toRun) {
        List<Row> rows = JavaValues.toRows(execute(toRun), toRun.schema());
        if (rawEncoder() == null) {
            return (List<T>) rows;
        }
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(rawEncoder().fromRow(row));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private T[] array(List<T> values) {
        return values.toArray((T[]) java.lang.reflect.Array.newInstance(encoder().clsTag(), values.size()));
    }

    /** Every object (row of an untyped Dataset), in order. */
    public List<T> collectAsList() {
        return decode(objectPlan());
    }

    /**
     * Every object, in order, as an array of the encoder's class (Spark's Java signature says {@code Object}; a
     * cast such as {@code (Row[]) df.collect()} compiles against both).
     */
    public T[] collect() {
        return array(collectAsList());
    }

    /** The first {@code n} objects. */
    public List<T> takeAsList(int n) {
        return decode(new Limit(n, objectPlan()));
    }

    public T[] take(int n) {
        return array(takeAsList(n));
    }

    public T[] head(int n) {
        return take(n);
    }

    /**
     * The first object.
     *
     * @throws java.util.NoSuchElementException {@code next on empty iterator} for an empty Dataset, as Spark
     */
    public T first() {
        List<T> rows = takeAsList(1);
        if (rows.isEmpty()) {
            throw new java.util.NoSuchElementException("next on empty iterator");
        }
        return rows.get(0);
    }

    public T head() {
        return first();
    }

    /** An iterator over every object; Sluice computes the whole result first (Spark fetches a partition at a time). */
    public java.util.Iterator<T> toLocalIterator() {
        return collectAsList().iterator();
    }

    public boolean isEmpty() {
        return takeAsList(1).isEmpty();
    }

    public long count() {
        return Chunks.rowCount(execute(logicalPlan()));
    }

    /** Spark's table text for the first {@code numRows} rows. */
    public String showString(int numRows, int truncate, boolean vertical) {
        List<Chunk> chunks = execute(new Limit(numRows + 1, logicalPlan()));
        List<DataType> types = logicalPlan().output().stream().map(AttributeReference::dataType).toList();
        Chunk rows = chunks.isEmpty() ? Chunks.concat(List.of(), types) : Chunks.concat(chunks, types);
        return ShowFormatter.showString(Arrays.asList(columns()), types, rows, numRows, truncate, vertical,
                sparkSession().conf().sessionTimeZone());
    }

    public void show() {
        show(20);
    }

    public void show(int numRows) {
        show(numRows, true);
    }

    public void show(boolean truncate) {
        show(20, truncate);
    }

    public void show(int numRows, boolean truncate) {
        show(numRows, truncate ? 20 : 0);
    }

    public void show(int numRows, int truncate) {
        show(numRows, truncate, false);
    }

    /**
     * Prints {@link #showString} followed, as Spark's {@code println(showString(...))}, by an empty line (the
     * table already ends with a newline).
     */
    public void show(int numRows, int truncate, boolean vertical) {
        System.out.println(showString(numRows, truncate, vertical));
    }

    /**
     * The text {@link #explain(boolean)} prints: the physical plan, built as an action would build it (a
     * streaming Dataset shows its logical plan; its physical plan exists once a query runs it); with
     * {@code extended}, the analyzed logical plan (headed by its output columns) before it.
     */
    public String explainString(boolean extended) {
        StringBuilder sb = new StringBuilder();
        if (extended) {
            List<String> columns = new java.util.ArrayList<>();
            for (dev.sluice.sql.types.StructField f : schema().fields()) {
                columns.add(f.name() + ": " + f.dataType().simpleString());
            }
            sb.append("== Analyzed Logical Plan ==\n").append(String.join(", ", columns)).append('\n')
                    .append(logicalPlan().treeString()).append('\n');
        }
        String physical = logicalPlan().isStreaming() ? logicalPlan().treeString()
                : dev.sluice.exec.physical.PhysicalPlanner.planQuery(logicalPlan()).treeString();
        sb.append("== Physical Plan ==\n").append(physical);
        // Spark's QueryExecution.simpleString ends the plan with one more newline (then explain()'s println).
        return extended ? sb.toString() : sb.append('\n').toString();
    }

    /**
     * Prints the plan in one of Spark's explain modes: {@code simple} (the physical plan) or {@code extended}
     * (logical and physical plans); Sluice has no generated code or statistics, so {@code codegen} and
     * {@code formatted} print as {@code simple} and {@code cost} as {@code extended}.
     *
     * @throws IllegalArgumentException for any other mode, with Spark's message
     */
    public void explain(String mode) {
        switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "simple", "codegen", "formatted" -> explain(false);
            case "extended", "cost" -> explain(true);
            default -> throw new IllegalArgumentException("Unknown explain mode: " + mode
                    + ". Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'.");
        }
    }

    public void explain() {
        explain(false);
    }

    public void explain(boolean extended) {
        System.out.println(explainString(extended));
    }

    @Override
    public String toString() {
        List<String> fields = new ArrayList<>();
        for (AttributeReference a : logicalPlan().output()) {
            fields.add(a.name() + ": " + a.dataType().simpleString());
        }
        return "[" + String.join(", ", fields) + "]";
    }
}
