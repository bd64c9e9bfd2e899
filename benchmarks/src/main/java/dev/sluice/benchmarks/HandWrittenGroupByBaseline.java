package dev.sluice.benchmarks;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.LongVector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The physical limit for {@link GroupByBenchmark#countAndSumByKey}: the same {@code count(*), sum(value)
 * GROUP BY key} over the same chunks, written as the tightest plain-Java loop: one open-addressing table of
 * primitive arrays ({@code long[]} keys, sums and counts, linear probing, load factor 1/2, grown by
 * doubling from the same initial 1024 slots as the engine's table), reading the chunks' {@code long[]}
 * storage directly. Reported ops/s are input rows per second.
 *
 * <p>Why: the engine's absolute numbers depend on the machine; the ratio engine / baseline on the same
 * machine and data says how much of the engine's time is overhead (virtual calls, allocation, generic
 * key handling, result materialization) rather than the unavoidable hashing and memory traffic.
 * The result (keys, counts, sums per group) is returned so the JIT cannot drop the work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 1)
public class HandWrittenGroupByBaseline {
    @Param({"1000", "100000"})
    public int distinctKeys;

    private long[][] keyColumns;
    private long[][] valueColumns;

    @Setup(Level.Trial)
    public void setUp() {
        List<Chunk> chunks = BenchmarkData.keyedChunks(distinctKeys);
        keyColumns = new long[chunks.size()][];
        valueColumns = new long[chunks.size()][];
        for (int c = 0; c < chunks.size(); c++) {
            keyColumns[c] = ((LongVector) chunks.get(c).column(0)).values();
            valueColumns[c] = ((LongVector) chunks.get(c).column(1)).values();
        }
        int expected = BenchmarkData.distinctCount(chunks, 0);
        int groups = countAndSumByKey().groupCount;
        if (groups != expected) {
            throw new IllegalStateException("expected " + expected + " groups, got " + groups);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.TOTAL_ROWS)
    public Table countAndSumByKey() {
        Table table = new Table(1024);
        for (int c = 0; c < keyColumns.length; c++) {
            long[] keys = keyColumns[c];
            long[] values = valueColumns[c];
            for (int i = 0; i < BenchmarkData.ROWS_PER_CHUNK; i++) {
                table.add(keys[i], values[i]);
            }
        }
        return table;
    }

    /** Primitive open-addressing table: slot {@code s} is used when {@code used[s]}. */
    public static final class Table {
        long[] keys;
        long[] sums;
        long[] counts;
        boolean[] used;
        int mask;
        int groupCount;

        Table(int capacity) {
            allocate(capacity);
        }

        private void allocate(int capacity) {
            keys = new long[capacity];
            sums = new long[capacity];
            counts = new long[capacity];
            used = new boolean[capacity];
            mask = capacity - 1;
        }

        void add(long key, long value) {
            int slot = hash(key) & mask;
            while (used[slot]) {
                if (keys[slot] == key) {
                    sums[slot] += value;
                    counts[slot]++;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            keys[slot] = key;
            sums[slot] = value;
            counts[slot] = 1;
            if (++groupCount * 2 > keys.length) {
                grow();
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldSums = sums;
            long[] oldCounts = counts;
            boolean[] oldUsed = used;
            allocate(oldKeys.length * 2);
            for (int s = 0; s < oldKeys.length; s++) {
                if (oldUsed[s]) {
                    int slot = hash(oldKeys[s]) & mask;
                    while (used[slot]) {
                        slot = (slot + 1) & mask;
                    }
                    used[slot] = true;
                    keys[slot] = oldKeys[s];
                    sums[slot] = oldSums[s];
                    counts[slot] = oldCounts[s];
                }
            }
        }

        /** The same mixing as the engine's table (Long.hashCode, then a murmur-style finalizer). */
        private static int hash(long key) {
            int h = Long.hashCode(key);
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            return h;
        }
    }
}
