package dev.sluice.benchmarks;

import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.Source;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's fixed cost of a trigger that finds no new data (issue 14's "empty trigger ≤ 0.2 ms CPU"): a
 * MemoryStream → {@code select value, value * 2} → noop query with a checkpoint runs one batch, then idles under the
 * default trigger (a new trigger every 10 ms while there is no data); the query thread's CPU time over the idle
 * window is divided by the number of triggers it ran (counted by the source's {@code latestOffset} calls). CPU
 * time (user + system, and user alone: the system part is mostly the kernel's cost of waking the thread), not wall
 * time, so the figure holds on a loaded machine too.
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.EmptyTriggerCost [seconds=10] [files=0]}:
 * with {@code files} > 0 the source is a JSON file source over a local folder of that many 1-row files (all read by
 * the first batch), so an idle trigger is the file source's: listing the folder, or skipping it when its listing hint
 * proves the folder unchanged.
 */
public final class EmptyTriggerCost {
    private EmptyTriggerCost() {
    }

    /** A source that counts the triggers asking it for offsets, and remembers the thread that asks. */
    private static final class CountingSource implements Source {
        final Source delegate;
        final AtomicLong triggers = new AtomicLong();
        volatile long threadId;

        CountingSource(Source delegate) {
            this.delegate = delegate;
        }

        @Override
        public void deferPlanLogging() {
            delegate.deferPlanLogging();
        }

        @Override
        public void awaitPlanLogged() {
            delegate.awaitPlanLogged();
        }

        @Override
        public Iterator<Chunk> readChunks(Offset start, Offset end) {
            return delegate.readChunks(start, end);
        }

        @Override
        public void commit(Offset end) {
            delegate.commit(end);
        }

        @Override
        public void stop() {
            delegate.stop();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public StructType schema() {
            return delegate.schema();
        }

        @Override
        public ReadLimit defaultReadLimit() {
            return delegate.defaultReadLimit();
        }

        @Override
        public Offset latestOffset(Offset start, ReadLimit limit) {
            threadId = Thread.currentThread().getId();
            triggers.incrementAndGet();
            return delegate.latestOffset(start, limit);
        }

        @Override
        public List<Chunk> read(Offset start, Offset end) {
            return delegate.read(start, end);
        }

        @Override
        public Offset deserializeOffset(String json) {
            return delegate.deserializeOffset(json);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
        StructType schema = new StructType().add("value", DataTypes.LongType);
        Path dir = Files.createTempDirectory("sluice-empty-trigger-");
        MemoryStream memory = null;
        CountingSource[] counting = new CountingSource[1];
        Dataset<Row> input;
        if (files == 0) {
            MemoryStream m = MemoryStream.of(spark, schema);
            memory = m;
            counting[0] = new CountingSource(m);
            input = Dataset.ofRows(spark, new StreamingRelation("CountingMemoryStream",
                    SluiceSession.attributes(schema), metadataPath -> counting[0]));
        } else {
            Path in = Files.createDirectories(dir.resolve("in"));
            for (int i = 0; i < files; i++) {
                Files.writeString(in.resolve("f" + i + ".json"), "{\"value\":" + i + "}\n");
            }
            StreamingRelation file = (StreamingRelation) spark.readStream().schema(schema).json(in.toString())
                    .logicalPlan();
            input = Dataset.ofRows(spark, new StreamingRelation(file.description(), file.output(),
                    metadataPath -> counting[0] = new CountingSource(file.sourceFactory().create(metadataPath))));
        }
        StreamingQuery query = input.selectExpr("value", "value * 2 AS doubled").writeStream().format("noop")
                .option("checkpointLocation", dir.resolve("cp").toString()).start();
        if (memory != null) {
            memory.addValues(1L);
        }
        query.processAllAvailable();
        Thread.sleep(1000); // warm-up of the idle loop
        measure("empty triggers of the query thread" + (files == 0 ? "" : " (file source, " + files + " files)"),
                counting[0].threadId, counting[0].triggers, seconds);
        query.stop();
        spark.stop();
        baseline(seconds);
    }

    /** Prints the CPU (user + system, and user) thread {@code tid} spends per increment of {@code events}. */
    private static void measure(String what, long tid, AtomicLong events, int seconds) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getThreadCpuTime(tid);
        long user0 = threads.getThreadUserTime(tid);
        long n0 = events.get();
        Thread.sleep(seconds * 1000L);
        long cpu = threads.getThreadCpuTime(tid) - cpu0;
        long user = threads.getThreadUserTime(tid) - user0;
        long n = Math.max(1, events.get() - n0);
        System.out.printf("%s: %d in %d s; %.1f µs CPU (%.1f µs user) each%n", what, n, seconds, cpu / 1e3 / n,
                user / 1e3 / n);
    }

    /**
     * What a bare 10 ms timed wait costs a thread on this machine (the same {@code Object.wait(10)} the idle trigger
     * loop does, and nothing else): the part of the figure above that is the JVM's and kernel's waking, not the
     * engine's work.
     */
    private static void baseline(int seconds) throws InterruptedException {
        Object lock = new Object();
        AtomicLong waits = new AtomicLong();
        Thread waiter = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    synchronized (lock) {
                        lock.wait(10);
                    }
                    waits.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "baseline-waiter");
        waiter.setDaemon(true);
        waiter.start();
        Thread.sleep(1000);
        measure("baseline, waits of a bare wait(10) loop", waiter.getId(), waits, seconds);
        waiter.interrupt();
    }
}
