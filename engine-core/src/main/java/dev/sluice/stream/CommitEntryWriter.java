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
 * <p>{@link #prepare} is called on the query's execution thread; {@link #publish} on the thread that commits (the
 * execution thread, or a real-time epoch's commit thread); {@link #close} once, at the end. Thread-safe.
 */
final class CommitEntryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CommitEntryWriter.class);
    private final Checkpoint checkpoint;
    private final boolean ahead;
    private final UUID queryId;
    private ExecutorService executor;
    private long preparedBatch = -1;
    private Future<CheckpointFile.Prepared> prepared;

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
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "commit log writer for query [id = " + queryId + "]");
                t.setDaemon(true);
                return t;
            });
        }
        preparedBatch = batchId;
        prepared = executor.submit(() -> checkpoint.commits().prepare(batchId, entry()));
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

    /** Drops what is prepared and stops the background thread; the query has ended. */
    synchronized void close() {
        discardPrepared();
        if (executor != null) {
            executor.shutdown();
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

    /** The prepared file, waiting for the background write; its failure is rethrown as it would have been here. */
    private static CheckpointFile.Prepared await(Future<CheckpointFile.Prepared> file) {
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
