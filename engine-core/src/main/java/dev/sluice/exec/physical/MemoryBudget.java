package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.SluiceException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory an execution (one batch action, or one micro-batch) may hold in rows at once: what pipeline
 * breakers gather (sort, window and join inputs, the inputs of stateful operators, aggregation results) and the
 * micro-batch's input. Streaming pipelines hold nothing beyond a few morsels and are not counted. When a
 * reservation would pass the budget, the execution fails with {@code MEMORY_BUDGET_EXCEEDED}, naming the
 * operator and the options that make batches smaller, instead of running the JVM out of heap.
 *
 * <p>Setting: {@value #KEY} (bytes, or with a {@code k}/{@code m}/{@code g} suffix), by default 60% of the
 * maximum heap. Thread-safe: worker threads reserve concurrently.
 */
public final class MemoryBudget {
    /** The session setting holding the budget. */
    public static final String KEY = "spark.sluice.execution.memoryBudget";

    private final long budgetBytes;
    private final AtomicLong heldBytes = new AtomicLong();

    public MemoryBudget(long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive: " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    /** The budget of {@value #KEY} = {@code setting}, or the default when it is null. */
    public static MemoryBudget of(String setting) {
        return new MemoryBudget(setting == null ? defaultBytes() : parseBytes(setting));
    }

    /** 60% of the maximum heap: the rest is left to state stores, sources' buffers and the application. */
    public static long defaultBytes() {
        return (long) (Runtime.getRuntime().maxMemory() * 0.6);
    }

    /** {@code 1048576}, {@code 512k}, {@code 64m}, {@code 2g} (binary units, as Spark's byte strings). */
    static long parseBytes(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isEmpty() && "kmgt".indexOf(s.charAt(s.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(s.charAt(s.length() - 1)) + 1));
            s = s.substring(0, s.length() - 1);
        }
        try {
            long value = Long.parseLong(s.trim());
            if (value <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SluiceException("INVALID_CONF_VALUE.MEMORY_BUDGET", "The value '" + text + "' of the setting "
                    + KEY + " is invalid: expected a positive size in bytes, optionally with a k, m or g suffix"
                    + " (e.g. 512m).", "22022", e);
        }
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /** A reservation for rows {@code operator} holds; closing it releases them. */
    public Reservation reserve(String operator) {
        return new Reservation(operator);
    }

    /** The rows one operator holds during one execution. Used by one thread, or under its owner's lock. */
    public final class Reservation implements AutoCloseable {
        private final String operator;
        private final AtomicLong bytes = new AtomicLong();

        private Reservation(String operator) {
            this.operator = operator;
        }

        /** Counts {@code chunk} as held; fails when the execution would pass its budget. */
        public void add(Chunk chunk) {
            add(chunk.estimatedBytes());
        }

        /** Counts {@code n} more bytes as held; fails when the execution would pass its budget. */
        public void add(long n) {
            bytes.addAndGet(n);
            long held = heldBytes.addAndGet(n);
            if (held > budgetBytes) {
                throw new SluiceException("MEMORY_BUDGET_EXCEEDED", "Operator " + operator + " would hold more rows"
                        + " than the execution memory budget of " + mib(budgetBytes) + " (" + KEY + "): the rows"
                        + " held by this batch take " + mib(held) + ". Make batches smaller with the source's"
                        + " maxFilesPerTrigger or maxOffsetsPerTrigger option (or maxBytesPerTrigger), or raise "
                        + KEY + ".", "53200", null);
            }
        }

        @Override
        public void close() {
            heldBytes.addAndGet(-bytes.getAndSet(0));
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
