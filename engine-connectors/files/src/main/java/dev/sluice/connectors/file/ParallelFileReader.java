package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and parses the files of one read (a micro-batch of the streaming file source, or a batch
 * {@code load()}) on up to {@code threads} threads, the session's {@code local[N]}. Parsing JSON or CSV is
 * CPU-bound and files are independent, so a batch of several files uses every core the session was given.
 *
 * <p>Guarantees: the chunks come back in file order, then in each file's own chunk order, exactly as a
 * sequential read produces them, whatever order the threads finish in. If reads fail, the error of the
 * first failing file in file order is thrown (an {@link IOException} wrapped in an
 * {@link UncheckedIOException} naming the file; other exceptions as thrown), the reads not yet finished are
 * cancelled, and no chunk is returned. With one thread, or one file, the caller's thread reads alone.
 *
 * <p>Threading and lifecycle: one instance serves one owner (a source or one batch read), whose thread calls
 * {@link #readAll} (not concurrently). The pool is created on the first parallel read; its threads are
 * daemons, end after 30 s idle, and {@link #close()} stops them and waits for them, so neither an owner that is never stopped
 * nor the JVM's exit waits on them. Nothing is kept across a crash: the reader holds no state but threads.
 */
final class ParallelFileReader implements AutoCloseable {
    /** Reads one file fully into chunks, in the file's order. */
    @FunctionalInterface
    interface FileRead<F> {
        List<Chunk> read(F file) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ParallelFileReader.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final String owner;
    private ExecutorService pool;
    /** The pool's threads, joined by {@link #close()}: a terminated pool's last threads may still be exiting. */
    private final List<Thread> poolThreads = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param threads at most this many files are read at once (at least 1)
     * @param owner   what the reads are for, in thread names (e.g. the source's description)
     */
    ParallelFileReader(int threads, String owner) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.owner = owner;
    }

    /** Number of files read at once at most. */
    int threads() {
        return threads;
    }

    /**
     * The chunks of every file of {@code files}, in file order.
     *
     * @param name how a file is named in an error
     */
    <F> List<Chunk> readAll(List<F> files, Function<F, String> name, FileRead<F> read) {
        return readAll(files, name, read, false, false);
    }

    /**
     * The chunks of every file of {@code files}, in file order. A file that cannot be read fails the read with
     * Spark's {@code FAILED_READ_FILE.*} naming it, or, with {@code ignoreCorrupt} ({@code ignoreMissing} for a
     * file that no longer exists), is skipped with a WARN line, as Spark's {@code ignoreCorruptFiles} /
     * {@code ignoreMissingFiles}: the rows of a skipped file are all dropped (Spark keeps those read before the
     * damage).
     */
    <F> List<Chunk> readAll(List<F> files, Function<F, String> name, FileRead<F> read, boolean ignoreCorrupt,
            boolean ignoreMissing) {
        if (threads == 1 || files.size() <= 1) {
            List<Chunk> chunks = new ArrayList<>();
            for (F file : files) {
                chunks.addAll(readOne(file, name, read, ignoreCorrupt, ignoreMissing));
            }
            return chunks;
        }
        ExecutorService executor = pool();
        List<Future<List<Chunk>>> futures = new ArrayList<>(files.size());
        for (F file : files) {
            futures.add(executor.submit(() -> readOne(file, name, read, ignoreCorrupt, ignoreMissing)));
        }
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        try {
            for (; i < futures.size(); i++) {
                chunks.addAll(futures.get(i).get());
            }
            return chunks;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            // the query is being stopped: MicroBatchExecution recognises InterruptedIOException as such
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("Interrupted while reading "
                    + name.apply(files.get(i)));
            interrupted.initCause(e);
            throw new UncheckedIOException(interrupted);
        } catch (CancellationException e) {
            throw new IllegalStateException("The read of " + name.apply(files.get(i)) + " was cancelled: the reader of "
                    + owner + " was closed during the read", e);
        } finally {
            // after a failure or an interrupt, the unfinished reads are not needed; cancelling a finished one does nothing
            for (int j = i; j < futures.size(); j++) {
                futures.get(j).cancel(true);
            }
        }
    }

    /**
     * The same chunks as {@link #readAll}, in the same order, read as the iterator is advanced: at most
     * {@code 2 × threads} files are being read or waiting to be taken at once, so a read of many files holds a
     * few files' chunks, not all of them. The first failing file in file order fails {@code next()} as
     * {@link #readAll} fails; the reads not yet taken are then cancelled. The iterator is used by one thread at
     * a time; abandoned, its few outstanding reads finish or are cancelled by {@link #close()}.
     */
    <F> java.util.Iterator<Chunk> stream(List<F> files, Function<F, String> name, FileRead<F> read) {
        return stream(files, name, read, false, false);
    }

    /** As {@link #stream(List, Function, FileRead)}, skipping corrupt or missing files as {@link #readAll} does. */
    <F> java.util.Iterator<Chunk> stream(List<F> files, Function<F, String> name, FileRead<F> read,
            boolean ignoreCorrupt, boolean ignoreMissing) {
        return new FileChunks<>(files, name, file -> readOne(file, name, read, ignoreCorrupt, ignoreMissing));
    }

    /** The iterator of {@link #stream}: files submitted a window ahead, their chunks handed out in file order. */
    private final class FileChunks<F> implements java.util.Iterator<Chunk> {
        /** A file and its read: running on the pool, or null when this thread reads it when taken. */
        private record Pending<F>(F file, Future<List<Chunk>> read) {
        }

        private final List<F> files;
        private final Function<F, String> name;
        private final Function<F, List<Chunk>> read;
        private final int window;
        private final java.util.ArrayDeque<Pending<F>> pending = new java.util.ArrayDeque<>();
        private java.util.Iterator<Chunk> current = java.util.Collections.emptyIterator();
        private int submitted;

        /** {@code read} reads one file, its failures already classified (see {@link #readOne}). */
        FileChunks(List<F> files, Function<F, String> name, Function<F, List<Chunk>> read) {
            this.files = files;
            this.name = name;
            this.read = read;
            this.window = threads == 1 ? 1 : 2 * threads;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && (submitted < files.size() || !pending.isEmpty())) {
                while (submitted < files.size() && pending.size() < window) {
                    F file = files.get(submitted++);
                    // one file (a 1-file micro-batch) is read here, as readAll does: a hand-off to the pool and back
                    // would only add two thread wake-ups to the batch's latency
                    pending.add(new Pending<>(file, threads == 1 || files.size() == 1 ? null
                            : pool().submit(() -> read.apply(file))));
                }
                current = take(pending.poll()).iterator();
            }
            return current.hasNext();
        }

        @Override
        public Chunk next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }

        private List<Chunk> take(Pending<F> head) {
            if (head.read() == null) {
                return read.apply(head.file());
            }
            try {
                return head.read().get();
            } catch (ExecutionException e) {
                cancelRest();
                throw rethrow(e.getCause());
            } catch (InterruptedException e) {
                cancelRest();
                // the query is being stopped: MicroBatchExecution recognises InterruptedIOException as such
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException("Interrupted while reading "
                        + name.apply(head.file()));
                interrupted.initCause(e);
                throw new UncheckedIOException(interrupted);
            } catch (CancellationException e) {
                throw new IllegalStateException("The read of " + name.apply(head.file()) + " was cancelled: the"
                        + " reader of " + owner + " was closed during the read", e);
            }
        }

        /** After a failure the rest is not needed: the reads still running are cancelled, nothing more is read. */
        private void cancelRest() {
            pending.forEach(p -> p.read().cancel(true));
            pending.clear();
            submitted = files.size();
        }
    }

    private static <F> List<Chunk> readOne(F file, Function<F, String> name, FileRead<F> read, boolean ignoreCorrupt,
            boolean ignoreMissing) {
        try {
            return read.read(file);
        } catch (dev.sluice.sql.SluiceException e) {
            throw e; // already classed and naming the file (e.g. a malformed record in FAILFAST mode)
        } catch (IllegalArgumentException e) {
            // an option or schema the reader refuses ('lineSep', a CSV header against the schema): the message
            // names the option and the file, and no other file would read better, so nothing is skipped
            throw e;
        } catch (IOException | RuntimeException e) {
            String path = name.apply(file);
            if (FileReadErrors.isInterrupt(e)) {
                throw e instanceof IOException io
                        ? new UncheckedIOException("Cannot read file " + path + ": " + e.getMessage(), io)
                        : (RuntimeException) e;
            }
            if (FileReadErrors.isMissing(e)) {
                if (ignoreMissing) {
                    LOG.warn("Skipped missing file: {}", path);
                    return List.of();
                }
                throw FileReadErrors.missing(path, e);
            }
            if (ignoreCorrupt) {
                LOG.warn("Skipped the rest of the content in the corrupted file: {}", path, e);
                return List.of();
            }
            throw FileReadErrors.failed(path, e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            int id = POOLS.incrementAndGet();
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "sluice-file-read-" + id + "-" + count.incrementAndGet() + " (" + owner + ")");
                t.setDaemon(true);
                poolThreads.removeIf(old -> !old.isAlive()); // threads ended by the idle timeout
                poolThreads.add(t);
                return t;
            };
            ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), factory);
            executor.allowCoreThreadTimeOut(true);
            pool = executor;
        }
        return pool;
    }

    /**
     * Stops the threads, interrupting reads in progress, and waits up to 10 s for them to end (a read blocked
     * in uninterruptible IO ends with that IO; the threads are daemons either way). A later {@link #readAll}
     * starts a new pool.
     */
    @Override
    public synchronized void close() {
        if (pool == null) {
            return;
        }
        for (Runnable queued : pool.shutdownNow()) {
            // a read waiting on a queued file would otherwise wait forever; cancelled, it fails instead
            if (queued instanceof Future<?> future) {
                future.cancel(false);
            }
        }
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("File-reading threads of {} still running 10 s after stop; they are daemons", owner);
            } else {
                for (Thread t : poolThreads) {
                    t.join(1000); // the pool is terminated: each thread is past its last task, exiting
                }
            }
            poolThreads.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool = null;
        }
    }

    @Override
    public String toString() {
        return "ParallelFileReader[" + owner + ", " + threads + " threads]";
    }
}
