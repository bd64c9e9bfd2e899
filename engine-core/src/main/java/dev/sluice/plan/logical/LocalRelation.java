package dev.sluice.plan.logical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import java.util.List;

/**
 * In-memory rows (from {@code createDataFrame}, {@code range} or a batch read): a leaf holding its chunks, split
 * into {@code numSlices} partitions as Spark splits a parallelized collection or a range: partition {@code i}
 * holds rows {@code [i·n/numSlices, (i+1)·n/numSlices)}. Local data ({@code localData}) is Spark's
 * {@code LocalRelation}, whose projections and filters Spark's {@code ConvertToLocalRelation} evaluates as one
 * partition 0.
 */
public final class LocalRelation extends LogicalPlan {
    private final List<AttributeReference> output;
    private final List<Chunk> chunks;
    private final int numSlices;
    private final int parallelism;
    private final boolean localData;

    /** Rows in one partition. */
    public LocalRelation(List<AttributeReference> output, List<Chunk> chunks) {
        this(output, chunks, 1, false);
    }

    /**
     * Rows in partitions: local data ({@code localData}, Spark's {@code LocalRelation}) in
     * {@code min(max(rows, 1), slices)} partitions (Spark's {@code LocalTableScanExec} with {@code slices} the
     * leaf parallelism), a range in {@code slices} partitions.
     */
    public LocalRelation(List<AttributeReference> output, List<Chunk> chunks, int slices, boolean localData) {
        this.output = List.copyOf(output);
        this.chunks = List.copyOf(chunks);
        long rows = 0;
        for (Chunk c : chunks) {
            rows += c.rowCount();
        }
        this.parallelism = Math.max(1, slices);
        this.numSlices = localData ? (int) Math.min(Math.max(rows, 1), parallelism) : parallelism;
        this.localData = localData;
        for (Chunk c : chunks) {
            if (c.columnCount() != output.size()) {
                throw new IllegalArgumentException("chunk has " + c.columnCount() + " columns, relation " + output.size());
            }
        }
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    /** How many partitions the rows are split into. */
    public int numSlices() {
        return numSlices;
    }

    /** The leaf parallelism local data was split by (what a converted projection's rows are split by). */
    public int parallelism() {
        return parallelism;
    }

    /** Whether this is local data, whose projections and filters run as one partition (Spark's optimizer). */
    public boolean localData() {
        return localData;
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of();
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public String describe() {
        return "LocalRelation " + list(output);
    }
}
