package dev.sluice.stream;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.checkpoint.CommitEntry;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a query's {@code commits/<id>} entries. The entry's content does not depend on how the batch went, so with
 * fsync on its file is written and fsynced ({@link CheckpointFile#prepare}) on a background thread as soon as the
 * batch is planned, while the batch runs; at commit only the rename and the folder's fsync remain on the query's
 * path. The guarantee is that of writing the entry at commit: the name {@code commits/<id>} appears only at
 * {@link #publish}, after the batch's sink and state are committed, for content that is already durable. A batch
 * that fails or a query that stops first leaves at most the hidden temporary file, deleted here or at the next start.
 * Without fsync the entry is written at commit (nothing slow to move out of the way).
 *
 * <p>The same background thread also deletes the log entries a committed batch made obsolete ({@link #purgeLater}):
 * deleting files waits on the file system's journal like an fsync does, and nothing depends on it but the folder's
 * size, so it runs after the commit, off the batch's path; the engine awaits it ({@link #awaitPurge}) before its next
 * trigger, so a trigger always sees the logs purged as if the deletes had run at commit, and a failure is rethrown
 * there.
 *
 * <p>{@link #prepare}, {@link #purgeLater} and {@link #awaitPurge} are called on the query's execution thread;
 * {@link #publish} on the thread that commits (the execution thread, or a real-time epoch's commit thread);
 * {@link #close} once, at the end. Thread-safe.
 */
final class CommitEntryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CommitEntryWriter.class);
    private final Checkpoint checkpoint;
    private final boolean ahead;
    private final UUID queryId;
    private ExecutorService executor;
    private long preparedBatch = -1;
    private Future<CheckpointFile.Prepared> prepared;
    /** The purge started by the last commit, until awaited (volatile: an idle trigger checks it without the lock). */
    private volatile Future<?> purge;

    CommitEntryWriter(Checkpoint checkpoint, boolean fsync, UUID queryId) {
        this.checkpoint = checkpoint;
        this.ahead = fsync;
        this.queryId = queryId;
    }

    /** The entry every batch commits with (the next batch's watermark is not recorded, as before). */
    private static CommitEntry entry() {
        return new CommitEntry(0);
    }

    /** Starts writing batch {@code batchId}'s entry in the background (a previous unpublished one is dropped). */
    synchronized void prepare(long batchId) {
        if (!ahead) {
            return;
        }
        discardPrepared();
        preparedBatch = batchId;
        prepared = executor().submit(() -> checkpoint.commits().prepare(batchId, entry()));
    }

    private ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "commit log writer for query [id = " + queryId + "]");
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    /**
     * Runs {@code deletes} (purging old log entries after a commit) on the background thread; the previous purge is
     * awaited first, so at most one is pending.
     */
    synchronized void purgeLater(Runnable deletes) {
        awaitPurge();
        purge = executor().submit(deletes);
    }

    /** Waits for the pending purge, if any, rethrowing its failure as if it had run on the calling thread. */
    void awaitPurge() {
        if (purge == null) {
            return; // the common case of an idle trigger: nothing pending, no lock taken
        }
        Future<?> pending;
        synchronized (this) {
            pending = purge;
            purge = null;
        }
        if (pending != null) {
            await(pending);
        }
    }

    /** Makes {@code commits/<batchId>} appear: the prepared file when there is one for it, else a full write. */
    void publish(long batchId) {
        Future<CheckpointFile.Prepared> file;
        synchronized (this) {
            file = preparedBatch == batchId ? prepared : null;
            if (file != null) {
                prepared = null;
                preparedBatch = -1;
            }
        }
        if (file == null) {
            checkpoint.commits().add(batchId, entry());
            return;
        }
        await(file).publish();
    }

    /**
     * Drops what is prepared, finishes a pending purge and stops the background thread; the query has ended.
     *
     * @throws RuntimeException the pending purge's failure (the thread is stopped all the same)
     */
    synchronized void close() {
        try {
            discardPrepared();
            awaitPurge();
        } finally {
            if (executor != null) {
                executor.shutdown();
            }
        }
    }

    private void discardPrepared() {
        if (prepared != null) {
            Future<CheckpointFile.Prepared> file = prepared;
            prepared = null;
            preparedBatch = -1;
            try {
                await(file).discard();
            } catch (RuntimeException e) {
                // nothing to delete, and its batch is not committed: the write failing matters to no one else
                LOG.warn("Could not write ahead the commit log entry of a batch that did not commit", e);
            }
        }
    }

    /** The background task's result, waiting for it; its failure is rethrown as it would have been here. */
    private static <T> T await(Future<T> file) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return file.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the write is short: finish it, then keep the interrupt for the caller
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new CheckpointException("IO_ERROR", "Cannot write the commit log entry: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
