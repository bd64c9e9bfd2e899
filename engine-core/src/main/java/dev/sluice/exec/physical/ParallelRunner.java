package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.QueryTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Runs the morsels of a pipeline on worker threads, for one execution. Two shapes:
 * <ul>
 *   <li>{@link #runOrdered}: any worker takes the next morsel; the coordinating thread pushes the outputs
 *       downstream in morsel order, so the consumer sees exactly the chunks of a single-threaded run, in the
 *       same order, from one thread. Workers run at most a few morsels ahead of what was pushed, so memory
 *       stays bounded by that window, not by the batch. A consumer that {@link ChunkConsumer#acceptsOnWorkers()
 *       accepts chunks on workers} gets the same chunks in the same order, one call at a time, from the worker
 *       that holds the turn (the one that finished the next morsel in order, or the one pushing before it), while
 *       the coordinating thread only waits: the consumer's own work (a Kafka sink's sends) then runs on the
 *       region's threads instead of a third one.</li>
 *   <li>{@link #foldRanges}: the morsels are cut into contiguous ranges, one per worker, each folded into
 *       its own state (a partial aggregation); the states come back in range order, so merging them in that
 *       order sees the rows in single-threaded order (first-seen group order is kept).</li>
 * </ul>
 * {@link #forEachIndex} runs independent tasks by index (one per state partition, for instance).
 * A failure stops the other workers and is rethrown on the coordinating thread as thrown (the first one, in
 * time); the coordinator returns only after every worker has finished.
 */
final class ParallelRunner {
    private ParallelRunner() {
    }

    /** Whether a region over {@code morsels} should run in parallel in {@code context}. */
    static boolean parallel(ExecutionContext context, List<Morsel> morsels) {
        return context.parallelism() > 1 && morsels.size() > 1 && !WorkerPool.onWorker();
    }

    /**
     * Runs {@code morsels} on up to the context's parallelism, pushing their outputs in morsel order from the
     * calling thread. Morsels are taken from the iterator one at a time, in order (a streamed scan reads its
     * next chunk then), never more than a window of 2 per thread ahead of what was pushed.
     */
    static void runOrdered(ExecutionContext context, Iterator<Morsel> morsels, ChunkConsumer downstream) {
        int workers = context.parallelism();
        int window = workers * 2;
        Object lock = new Object();
        Object pull = new Object();
        Map<Integer, List<Chunk>> results = new HashMap<>();
        AtomicInteger taken = new AtomicInteger();
        AtomicBoolean exhausted = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] emitted = {0};
        boolean onWorkers = downstream.acceptsOnWorkers();
        boolean[] pushing = {false}; // a worker holds the turn (onWorkers only)
        List<Future<?>> futures = startWorkers(context, workers, w -> {
            while (failure.get() == null) {
                synchronized (lock) {
                    while (taken.get() >= emitted[0] + window && failure.get() == null) {
                        lock.wait();
                    }
                }
                Morsel morsel;
                int index;
                synchronized (pull) {
                    if (exhausted.get() || failure.get() != null) {
                        break;
                    }
                    if (!morsels.hasNext()) {
                        exhausted.set(true);
                        synchronized (lock) {
                            lock.notifyAll();
                        }
                        break;
                    }
                    morsel = morsels.next();
                    index = taken.getAndIncrement();
                }
                List<Chunk> out = new ArrayList<>();
                morsel.run(out::add);
                synchronized (lock) {
                    results.put(index, out);
                    lock.notifyAll();
                }
                if (onWorkers) {
                    pushInTurn(results, emitted, pushing, lock, failure, downstream);
                }
            }
        }, failure, lock);
        try {
            if (onWorkers) {
                synchronized (lock) {
                    while (failure.get() == null
                            && !(exhausted.get() && emitted[0] == taken.get() && !pushing[0])) {
                        lock.wait();
                    }
                }
            }
            while (!onWorkers) {
                List<Chunk> out;
                synchronized (lock) {
                    while (!results.containsKey(emitted[0]) && failure.get() == null
                            && !(exhausted.get() && emitted[0] == taken.get())) {
                        lock.wait();
                    }
                    if (failure.get() != null || !results.containsKey(emitted[0])) {
                        break;
                    }
                    out = results.remove(emitted[0]);
                }
                for (Chunk c : out) {
                    downstream.accept(c);
                }
                synchronized (lock) {
                    emitted[0]++;
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(failure, e, lock);
        } catch (RuntimeException | Error e) {
            fail(failure, e, lock); // the consumer failed: stop the workers, then rethrow
        }
        awaitAll(futures, failure, lock);
        rethrow(failure.get());
    }

    /**
     * {@link #runOrdered} on workers: unless another worker holds the turn, takes it while the next output in order
     * is ready and pushes outputs downstream, in order, until the next one is not ready yet (its worker will take
     * the turn when it finishes). Pushing and the turn's hand-over happen under {@code lock}, so every push
     * happens-before the next one and before the coordinator returns.
     */
    private static void pushInTurn(Map<Integer, List<Chunk>> results, int[] emitted, boolean[] pushing, Object lock,
                                   AtomicReference<Throwable> failure, ChunkConsumer downstream) {
        List<Chunk> out;
        synchronized (lock) {
            if (pushing[0] || failure.get() != null || !results.containsKey(emitted[0])) {
                return;
            }
            pushing[0] = true;
            out = results.remove(emitted[0]);
        }
        while (true) {
            for (Chunk c : out) {
                downstream.accept(c); // a failure here fails the region (the worker's catch): the turn is not handed on
            }
            synchronized (lock) {
                emitted[0]++;
                out = failure.get() == null ? results.remove(emitted[0]) : null;
                if (out == null) {
                    pushing[0] = false;
                }
                lock.notifyAll();
                if (out == null) {
                    return;
                }
            }
        }
    }

    /**
     * Folds the chunks of contiguous ranges of {@code morsels} into one state per range (created by
     * {@code newState}, fed by {@code fold}) on worker threads; returns the states in range order.
     */
    static <S> List<S> foldRanges(ExecutionContext context, List<Morsel> morsels, Supplier<S> newState,
                                  BiConsumer<S, Chunk> fold) {
        return foldRanges(context, morsels, 1, newState, fold);
    }

    /**
     * {@link #foldRanges} with {@code rangesPerWorker} ranges per worker, taken by whichever worker is free next:
     * a worker slowed down (by other work on the machine, by a costlier stretch of input) takes fewer ranges,
     * so the workers finish together. More ranges mean more states to merge.
     */
    static <S> List<S> foldRanges(ExecutionContext context, List<Morsel> morsels, int rangesPerWorker,
                                  Supplier<S> newState, BiConsumer<S, Chunk> fold) {
        int n = morsels.size();
        int workers = Math.min(context.parallelism(), n);
        int ranges = Math.min(n, workers * Math.max(rangesPerWorker, 1));
        List<S> states = new ArrayList<>();
        for (int r = 0; r < ranges; r++) {
            states.add(newState.get());
        }
        Object lock = new Object();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Future<?>> futures = startWorkers(context, workers, w -> {
            for (int r = next.getAndIncrement(); r < ranges && failure.get() == null; r = next.getAndIncrement()) {
                int from = (int) ((long) n * r / ranges);
                int to = (int) ((long) n * (r + 1) / ranges);
                S state = states.get(r);
                for (int i = from; i < to && failure.get() == null; i++) {
                    morsels.get(i).run(c -> fold.accept(state, c));
                }
            }
        }, failure, lock);
        awaitAll(futures, failure, lock);
        rethrow(failure.get());
        return states;
    }

    /** Runs {@code body} for every index of {@code [0, count)} on up to the context's parallelism threads. */
    static void forEachIndex(ExecutionContext context, int count, java.util.function.IntConsumer body) {
        int workers = Math.min(context.parallelism(), count);
        Object lock = new Object();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Future<?>> futures = startWorkers(context, workers, w -> {
            for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                body.accept(i);
            }
        }, failure, lock);
        awaitAll(futures, failure, lock);
        rethrow(failure.get());
    }

    /**
     * Starts {@code count} workers running {@code body(worker)} at the execution's query time; a failure is
     * recorded (the first one wins) and wakes waiters on {@code lock}.
     */
    private static List<Future<?>> startWorkers(ExecutionContext context, int count, WorkerBody body,
                                                AtomicReference<Throwable> failure, Object lock) {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            int worker = w;
            futures.add(WorkerPool.submit(() -> QueryTime.with(context.queryTimeMicros(), () -> {
                try {
                    body.run(worker);
                } catch (Throwable t) {
                    fail(failure, t, lock);
                }
                return null;
            })));
        }
        return futures;
    }

    /** What one worker of a region does. */
    @FunctionalInterface
    private interface WorkerBody {
        void run(int worker) throws Exception;
    }

    private static void fail(AtomicReference<Throwable> failure, Throwable t, Object lock) {
        failure.compareAndSet(null, t);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Waits for every worker, even after an interrupt (a worker must not outlive its execution). */
    private static void awaitAll(List<Future<?>> futures, AtomicReference<Throwable> failure, Object lock) {
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    fail(failure, e, lock);
                } catch (ExecutionException e) {
                    fail(failure, e.getCause(), lock);
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable t) {
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("parallel execution interrupted", t);
    }
}
