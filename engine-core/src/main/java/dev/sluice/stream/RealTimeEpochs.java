package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.checkpoint.OffsetSeq;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Offset;
import dev.sluice.spi.RealTimeReader;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsRealTime;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.streaming.StreamingQueryStatus;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The loop of a {@code Trigger.RealTime} query: a sequence of epochs, each one batch id of the checkpoint. An
 * epoch opens one {@link RealTimeReader} per source at the committed offsets and one sink writer, then, until its
 * checkpoint interval has passed, polls the sources and runs every arrival at once through the query's
 * {@link IncrementalPlan} against the operators' open state version (a <em>step</em>: same physical plan, same
 * operators as a micro-batch), pushing the output into the writer and {@link BatchWriter#flush() flushing} it;
 * the watermark advances after each step, and a step that moved it far enough for an operator to emit or evict
 * is followed at once by a step without input (Spark's no-data batch), so a window closes as soon as the
 * watermark passes it. At the end of the epoch:
 * <ol>
 *   <li>{@code offsets/<id>} is written with the readers' end offsets, the watermark reached and the last step's
 *   timestamp: only now are the end offsets known, and nothing before this point was durable, so a crash earlier
 *   loses nothing (the sink's open transaction is aborted when it restarts, the state version was never written,
 *   and the restarted query opens epoch {@code id} again from the committed offsets);</li>
 *   <li>the sink writer commits (the Kafka exactly-once sink: the epoch's transaction);</li>
 *   <li>the operators' state is sealed as the next version ({@link MicroBatchExecution#sealBatch}) and the next
 *   epoch starts at once: its steps update the next version while a committer thread writes the sealed one's
 *   files, then {@code commits/<id>} (the order of a micro-batch's commit); the sources' commit follows on the
 *   query thread once that is done. The next epoch's step 1 waits for it, so an offset entry always follows the
 *   previous epoch's commit entry, as after a micro-batch; an epoch whose interval passed while that write still
 *   runs goes on taking arrivals until it is done, so arrivals do not wait for it either.</li>
 * </ol>
 * When the sink's writer {@link BatchWriter#commitsOffThread() commits off the query thread} (an at-least-once
 * sink, whose rows are visible already; the Kafka exactly-once sink, whose next writer holds the next epoch's
 * records until this transaction ended), steps 1 and 2 run on the committer too, before step 3's writes and in the
 * same order, so no file sync or transaction commit of the epoch's end is on the arrival path; a crash before step
 * 1 is durable replays the epoch from the committed offsets (an at-least-once sink writes the rows again, a
 * transaction that was never committed is aborted when the sink restarts).
 * A crash after step 1 leaves an offset entry without commit: the restarted query (with either trigger) re-runs it
 * as one micro-batch over exactly the logged range, from the state version before the epoch, and a sink that
 * committed it skips it by batch id (a crash while step 3 writes behind the next epoch is such a crash: the next
 * epoch had written nothing durable yet). A stop request ends the current epoch early and commits it, and the
 * query ends only after the last commit is durable.
 *
 * <p>Used by the query's execution thread, and one committer thread for step 3's writes.
 */
final class RealTimeEpochs {
    /** How long one poll of a lone source may wait: a stop request or the end of an epoch is seen within it. */
    private static final long MAX_WAIT_MS = 20;
    /** How often a real-time reader asks a source without native support for new data (µs). */
    private static final long POLL_EVERY_MICROS = 200;

    private final MicroBatchExecution q;
    private final List<StatefulOperator> operators;
    private final List<StreamingRelation> relations;
    private final WatermarkPropagation propagation;
    private final MemoryBudget budget;

    RealTimeEpochs(MicroBatchExecution query) {
        this.q = query;
        this.operators = query.incremental.statefulOperators();
        this.relations = query.incremental.relations();
        this.propagation = query.incremental.watermarkPropagation();
        this.budget = MemoryBudget.of(query.spec.session().conf().get(MemoryBudget.KEY, null));
        this.readers = new RealTimeReader[query.sources.size()];
    }

    /** Readers carried from one epoch to the next (a reader continues where the last epoch ended). */
    private final RealTimeReader[] readers;

    /** Writes a sealed epoch's state and commit log entry while the next epoch runs. */
    private ExecutorService committer;
    /** The write of the last sealed epoch, until it finished and the sources were told. */
    private Future<?> pendingWrite;
    private Offset[] pendingEnd;

    void run() {
        if (q.pendingRerun) {
            q.runTrigger(false); // an epoch logged but not committed: replayed as one micro-batch over its range
        }
        committer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "real-time-commit-" + q.id);
            t.setDaemon(true);
            return t;
        });
        try {
            while (!q.stopRequested) {
                new Epoch().run();
            }
            awaitPendingCommit(); // the query ends with its last epoch durable
        } catch (RuntimeException | Error e) {
            drainPendingCommit(e);
            throw e;
        } finally {
            committer.shutdown();
            closeReaders();
        }
    }

    /** Waits for the sealed epoch's write, if any (not interruptible: it is short), rethrowing its failure. */
    private void awaitPendingCommit() {
        if (pendingWrite == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pendingWrite.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    pendingWrite = null;
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("commit of real-time epoch failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        pendingWrite = null;
        q.commitSources(pendingEnd);
    }

    /** When the sealed epoch's write finished: surfaces its failure, tells the sources. Never waits. */
    private void finishPendingCommitIfDone() {
        if (pendingWrite != null && pendingWrite.isDone()) {
            awaitPendingCommit();
        }
    }

    /** The query fails: the write still running ends before the stores close; its own failure is added. */
    private void drainPendingCommit(Throwable failure) {
        try {
            awaitPendingCommit();
        } catch (RuntimeException | Error e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Opens a reader at the committed offset for each source without one that continues from there. */
    private void openReaders() {
        for (int i = 0; i < readers.length; i++) {
            Offset at = q.committed[i];
            RealTimeReader r = readers[i];
            if (r != null && (r.reopenAtEpochEnd() || !sameOffset(r.offset(), at))) {
                r.close();
                readers[i] = null;
            }
            if (readers[i] == null) {
                Source s = q.sources.get(i);
                readers[i] = s instanceof SupportsRealTime rt ? rt.realTimeReader(at)
                        : RealTimeReader.polling(s, at, POLL_EVERY_MICROS);
            }
        }
    }

    private static boolean sameOffset(Offset a, Offset b) {
        return a == null ? b == null : b != null && a.json().equals(b.json());
    }

    private void closeReaders() {
        for (int i = 0; i < readers.length; i++) {
            if (readers[i] != null) {
                readers[i].close();
                readers[i] = null;
            }
        }
    }

    /** One epoch: its readers, writer, watermarks and figures. */
    private final class Epoch {
        private final int n = q.sources.size();
        private final long[] rows = new long[n];
        private BatchWriter writer;
        private long outputRows;
        private long lateMs = q.batchWatermarkMs;
        private long evictMs = q.watermark.watermarkMs();
        private long stepTimestampMs;
        private boolean stepped;
        /** The offset entry and sink commit when they run on the committer (see {@link #commit()}), else null. */
        private Runnable ahead;

        void run() {
            // a failed epoch leaves readers past its start: they are replaced by openReaders, never reused
            q.progress.startTrigger();
            long start = q.spec.clock().getTimeMillis();
            long end = start + q.spec.trigger().intervalMs();
            stepTimestampMs = start;
            try {
                openReaders();
                q.watermark.startBatch();
                boolean hadData = true;
                while (!q.stopRequested) {
                    long now = q.spec.clock().getTimeMillis();
                    synchronized (q.lock) {
                        q.triggerGeneration = q.requestedGeneration;
                    }
                    finishPendingCommitIfDone();
                    // past its interval, an epoch goes on taking arrivals while the previous one's commit is still
                    // being written (its own offset entry must follow that commit): arrivals never wait for it
                    if (now >= end && pendingWrite == null) {
                        break;
                    }
                    List<List<Chunk>> arrived = poll(hadData, now >= end ? 1 : Math.min(MAX_WAIT_MS, end - now));
                    hadData = arrived.stream().anyMatch(c -> !c.isEmpty());
                    if (hadData || q.incremental.runsBatchesWithoutData()) {
                        q.status = new StreamingQueryStatus("Processing new data", true, true);
                        step(arrived);
                    } else {
                        q.onIdle();
                    }
                }
                if (!stepped) {
                    return; // nothing arrived: no epoch to record, the next one starts from the same offsets
                }
                ahead = commit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort(e);
                throw new IllegalStateException("real-time epoch " + q.batchId + " interrupted", e);
            } catch (RuntimeException | Error e) {
                abort(e);
                throw e;
            }
            pendingEnd = q.available.clone();
            Runnable durable = q.sealBatch(rows, outputRows);
            Runnable logged = ahead;
            pendingWrite = committer.submit(logged == null ? durable : () -> {
                logged.run();
                durable.run();
            });
        }

        /** The chunks that arrived at each source; a lone source (or the first, after an empty round) waits. */
        private List<List<Chunk>> poll(boolean lastRoundHadData, long waitMs) throws InterruptedException {
            List<List<Chunk>> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long timeout = n == 1 ? waitMs : i == 0 && !lastRoundHadData ? Math.min(1, waitMs) : 0;
                out.add(readers[i].poll(Math.max(0, timeout)));
            }
            return out;
        }

        /**
         * Runs one arrival through the plan in the open state version; then, when the watermark moved so far
         * that an operator would emit or evict, a step without input.
         */
        private void step(List<List<Chunk>> arrived) {
            if (writer == null) {
                // the checks a micro-batch makes while it is planned (3076/3077), once per epoch
                propagation.check(evictMs, operators);
                writer = q.sink.newBatchWriter(context());
                operators.forEach(op -> op.startBatch(propagation.watermarks(op, lateMs, evictMs), stepTimestampMs));
            }
            stepped = true;
            runStep(arrived);
            if (q.watermark.enabled() && operators.stream()
                    .anyMatch(op -> op.shouldRunAnotherBatch(propagation.inputWatermarkMs(op, evictMs)))
                    && evictMs > lateMs) {
                List<List<Chunk>> none = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    none.add(List.of());
                }
                runStep(none);
            }
        }

        private void runStep(List<List<Chunk>> arrived) {
            stepTimestampMs = Math.max(stepTimestampMs, q.spec.clock().getTimeMillis());
            Map<StreamingRelation, BatchInput> inputs = new IdentityHashMap<>();
            for (int i = 0; i < n; i++) {
                List<Chunk> chunks = arrived.get(i);
                inputs.put(relations.get(i), chunks.isEmpty() ? BatchInput.empty() : new BatchInput(chunks::iterator));
            }
            operators.forEach(op -> op.startStep(propagation.watermarks(op, lateMs, evictMs), stepTimestampMs));
            q.incremental.execute(inputs, q.watermark, stepTimestampMs, q.spec.session().parallelism(), budget,
                    chunk -> {
                        outputRows += chunk.rowCount();
                        writer.write(chunk);
                    });
            for (int i = 0; i < n; i++) {
                rows[i] += inputs.get(relations.get(i)).rowCount();
            }
            writer.flush();
            q.watermark.advance();
            lateMs = evictMs;
            evictMs = q.watermark.watermarkMs();
        }

        private BatchContext context() {
            return new BatchContext(q.id.toString(), q.batchId, q.checkpoint.root().toString(), q.spec.outputMode(),
                    q.spec.plan().schema(), rowsOfBatch -> Dataset.ofRows(q.spec.session(),
                    new LocalRelation(q.spec.plan().output(), rowsOfBatch))).asRealTimeEpoch();
        }

        /**
         * After the previous epoch's commit entry, logs this epoch's end offsets (write-ahead of every commit), then
         * commits the sink's writer. A writer that {@link BatchWriter#commitsOffThread() commits off the query
         * thread} (an at-least-once sink: its rows are visible already) gets both done by the committer instead,
         * before the state's write, in the same order: the returned task; otherwise they run here and null is
         * returned.
         */
        private Runnable commit() {
            awaitPendingCommit();
            Offset[] end = new Offset[n];
            List<String> offsets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                end[i] = readers[i].offset();
                offsets.add(end[i] == null ? null : end[i].json());
            }
            q.available = end;
            q.batchTimestampMs = stepTimestampMs;
            q.lateEventsWatermarkMs = lateMs;
            q.batchWatermarkMs = evictMs;
            OffsetSeq entry = new OffsetSeq(offsets, evictMs, stepTimestampMs, q.queryConf);
            long id = q.batchId;
            BatchWriter epochWriter = writer;
            if (epochWriter.commitsOffThread()) {
                return () -> {
                    q.checkpoint.offsets().add(id, entry);
                    try {
                        epochWriter.commit();
                    } catch (RuntimeException | Error e) {
                        try {
                            epochWriter.abort(e);
                        } catch (RuntimeException | Error abortFailure) {
                            e.addSuppressed(abortFailure);
                        }
                        throw e;
                    }
                };
            }
            q.progress.time("walCommit", () -> q.checkpoint.offsets().add(id, entry));
            q.progress.time("addBatch", epochWriter::commit);
            return null;
        }

        private void abort(Throwable cause) {
            if (writer != null) {
                try {
                    writer.abort(cause);
                } catch (RuntimeException | Error abortFailure) {
                    cause.addSuppressed(abortFailure);
                }
            }
        }
    }
}
