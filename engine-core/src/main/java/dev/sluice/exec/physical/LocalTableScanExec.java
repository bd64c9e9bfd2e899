package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Pushes the in-memory rows of a local relation (Spark's {@code LocalTableScanExec}, and {@code RangeExec} for
 * {@code range}). The rows are split into partitions as Spark's {@code ParallelCollectionRDD.slice} and
 * {@code RangeExec} split them: partition {@code i} of {@code k} holds rows {@code [i·n/k, (i+1)·n/k)}.
 */
public final class LocalTableScanExec extends LeafExec {
    private final List<Chunk> chunks;
    private final List<List<Chunk>> partitions;

    /** The rows as one partition. */
    public LocalTableScanExec(List<AttributeReference> output, List<Chunk> chunks) {
        this(output, chunks, 1);
    }

    /** The rows split into {@code numSlices} partitions. */
    public LocalTableScanExec(List<AttributeReference> output, List<Chunk> chunks, int numSlices) {
        super(output);
        this.chunks = List.copyOf(chunks);
        this.partitions = slice(this.chunks, Math.max(1, numSlices));
    }

    /** Spark's slicing of {@code n} rows into {@code k} partitions, chunks cut at the partition borders. */
    static List<List<Chunk>> slice(List<Chunk> chunks, int k) {
        long n = 0;
        for (Chunk c : chunks) {
            n += c.rowCount();
        }
        List<List<Chunk>> out = new ArrayList<>();
        int chunk = 0;
        int offset = 0; // rows of chunks.get(chunk) already handed out
        for (int i = 0; i < k; i++) {
            long size = (i + 1) * n / k - i * n / k;
            List<Chunk> part = new ArrayList<>();
            while (size > 0) {
                Chunk c = chunks.get(chunk);
                int take = (int) Math.min(size, c.rowCount() - offset);
                part.add(offset == 0 && take == c.rowCount() ? c : c.copyRange(offset, offset + take));
                size -= take;
                offset += take;
                if (offset == c.rowCount()) {
                    chunk++;
                    offset = 0;
                }
            }
            out.add(part);
        }
        return out;
    }

    /** How many partitions the rows are split into. */
    public int numPartitions() {
        return partitions.size();
    }

    @Override
    public String nodeName() {
        return "LocalTableScan";
    }

    @Override
    public String argString() {
        return list(output());
    }

    @Override
    public Iterator<Morsel> morsels(ExecutionContext context) {
        return Morsel.ofChunks(chunks);
    }

    @Override
    public Iterator<Morsel> partitionMorsels(ExecutionContext context) {
        return Morsel.ofPartitions(partitions);
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        for (Chunk c : chunks) {
            downstream.accept(c);
        }
    }
}
