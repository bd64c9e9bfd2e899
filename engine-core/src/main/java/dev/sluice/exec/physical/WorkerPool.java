package dev.sluice.exec.physical;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads that run morsels of parallel pipelines, shared by every query of the JVM: daemon
 * threads created on demand, ended after 30 s idle, so nothing waits on them at exit. A query's execution
 * thread coordinates a parallel region and hands its morsels to at most {@code local[N]} workers; a worker
 * never starts a parallel region of its own (a breaker running inside a morsel runs its child on the worker),
 * so no worker ever waits on another and the pool cannot deadlock. Thread-safe.
 */
final class WorkerPool {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadLocal<Boolean> IS_WORKER = ThreadLocal.withInitial(() -> false);
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread t = new Thread(() -> {
                    IS_WORKER.set(true);
                    runnable.run();
                }, "sluice-worker-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private WorkerPool() {
    }

    /** Whether the calling thread is a worker (it then runs everything itself, sequentially). */
    static boolean onWorker() {
        return IS_WORKER.get();
    }

    static Future<?> submit(Runnable task) {
        return POOL.submit(task);
    }
}
