package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.AttributeReference;
import dev.sluice.plan.logical.ScanRelation;
import java.util.Iterator;
import java.util.List;

/**
 * Reads an external bounded relation (a JDBC table, files) each time it executes, with any filter and column
 * pruning already pushed into its scan (Spark's {@code RowDataSourceScanExec} / {@code FileSourceScanExec}).
 *
 * <p>A pruned scan reads fewer columns than the relation has, yet this node keeps the relation's full output so
 * that the operators above, bound to it by ordinal, stay as planned: each column the query never reads is a
 * shared all-null vector of its type ({@link ColumnUse} guarantees that nothing reads it).
 */
public final class ScanExec extends LeafExec {
    private final ScanRelation relation;
    private final ScanRelation pruned;
    /** For each output column, its index in the pruned scan's chunks, or -1 when it is not read. */
    private final int[] source;

    /** @param pruned {@code relation} over a scan of a subset of its columns (or {@code relation} itself) */
    public ScanExec(ScanRelation relation, ScanRelation pruned) {
        super(relation.output());
        this.relation = relation;
        this.pruned = pruned;
        List<AttributeReference> read = pruned.output();
        this.source = new int[relation.output().size()];
        for (int i = 0; i < source.length; i++) {
            source[i] = -1;
            for (int j = 0; j < read.size(); j++) {
                if (read.get(j).exprId() == relation.output().get(i).exprId()) {
                    source[i] = j;
                }
            }
        }
    }

    /** Whether a streaming query must read this relation again for every micro-batch. */
    public boolean rescanEachBatch() {
        return relation.rescanEachBatch();
    }

    @Override
    public String nodeName() {
        return "Scan";
    }

    @Override
    public String argString() {
        return pruned.scanDescription() + " " + list(pruned.output())
                + (relation.rescanEachBatch() ? " (re-read each batch)" : "");
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        Iterator<Chunk> chunks = pruned.read();
        ColumnVector[] unread = new ColumnVector[source.length];
        try {
            while (chunks.hasNext()) {
                Chunk c = chunks.next();
                downstream.accept(pruned == relation ? c : widened(c, unread));
            }
        } finally {
            // a read that stops early (the query failed downstream) releases its threads and files now
            if (chunks instanceof AutoCloseable closeable) {
                closeRead(closeable);
            }
        }
    }

    private static void closeRead(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing a scan's read failed: " + e.getMessage(), e);
        }
    }

    /** {@code c} with the relation's full width: unread columns are null vectors, reused across chunks of one size. */
    private Chunk widened(Chunk c, ColumnVector[] unread) {
        ColumnVector[] columns = new ColumnVector[source.length];
        for (int i = 0; i < source.length; i++) {
            if (source[i] >= 0) {
                columns[i] = c.column(source[i]);
            } else {
                if (unread[i] == null || unread[i].size() != c.rowCount()) {
                    unread[i] = ColumnVector.nulls(relation.output().get(i).dataType(), c.rowCount());
                }
                columns[i] = unread[i];
            }
        }
        return new Chunk(c.rowCount(), columns);
    }
}
