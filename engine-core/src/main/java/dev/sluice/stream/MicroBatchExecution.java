package dev.sluice.stream;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.checkpoint.CommitEntry;
import dev.sluice.checkpoint.OffsetSeq;
import dev.sluice.exec.physical.ChunkConsumer;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import dev.sluice.state.StateStoreConf;
import dev.sluice.spi.Source;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.SinkProgress;
import dev.sluice.sql.streaming.StateOperatorProgress;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingQueryListener.QueryIdleEvent;
import dev.sluice.sql.streaming.StreamingQueryListener.QueryProgressEvent;
import dev.sluice.sql.streaming.StreamingQueryListener.QueryTerminatedEvent;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.streaming.StreamingQueryStatus;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.stream.state.OperatorStateMetadata;
import dev.sluice.stream.realtime.RealTimeChecks;
import dev.sluice.stream.state.StateSchemaCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running micro-batch streaming query: the loop of Spark's {@code MicroBatchExecution}. Per trigger: ask
 * each source for its latest offset; when something is new, write {@code offsets/<id>} (write-ahead), read
 * the range, run the {@link IncrementalPlan}, hand the rows to the sink, commit operator state, write
 * {@code commits/<id>}, let the sources free data, report progress. On start it resumes from the
 * checkpoint: a batch with an offset entry but no commit entry is re-run with the same offsets and batch
 * timestamp. Runs on its own thread; the {@link StreamingQuery} methods are thread-safe.
 */
public final class MicroBatchExecution implements StreamingQuery {
    private static final long IDLE_POLL_MS = 10;
    private static final String NO_DATA_BATCHES = "spark.sql.streaming.noDataMicroBatches.enabled";

    final QuerySpec spec;
    final UUID id;
    private final UUID runId = UUID.randomUUID();
    final Checkpoint checkpoint;
    final IncrementalPlan incremental;
    private final QueryEvents events;
    final ProgressTracker progress;
    private final Thread thread;
    private final CountDownLatch terminated = new CountDownLatch(1);
    final Object lock = new Object();
    private final long noDataEventIntervalMs;
    WatermarkTracker watermark;
    Map<String, String> queryConf;

    List<Source> sources = List.of();
    /** The statuses of a trigger that finds no data, built once per run: an idle query polls every 10 ms. */
    private StreamingQueryStatus gettingOffsets;
    private static final StreamingQueryStatus WAITING_FOR_DATA = new StreamingQueryStatus("Waiting for data to arrive",
            false, false);
    Sink sink;
    Offset[] committed;
    Offset[] available;
    boolean pendingRerun;
    long batchId;
    long batchTimestampMs;
    long batchWatermarkMs;
    long lateEventsWatermarkMs;
    private boolean ranBatchInThisRun;
    /** Writes ahead, off the query thread, the commit entry of the running batch (see {@link #prepareCommitEntry}). */
    private final CommitEntryWriter commitWriter;
    private boolean batchHadNewData = true;
    private long lastIdleEventMs = Long.MIN_VALUE;

    // guarded by lock
    volatile boolean stopRequested;
    private volatile boolean active = true;
    private boolean waiting;
    long triggerGeneration;
    long requestedGeneration;
    private long idleGeneration = -1;
    private volatile StreamingQueryException exception;
    volatile StreamingQueryStatus status = new StreamingQueryStatus("Initializing sources", false, false);

    /**
     * Prepares the query (checks the checkpoint's query id) without starting it.
     *
     * @throws CheckpointException when the checkpoint's metadata is missing or corrupted
     */
    public MicroBatchExecution(QuerySpec spec, QueryEvents events) {
        this.spec = spec;
        this.events = events;
        this.checkpoint = new Checkpoint(spec.checkpointRoot(), spec.session().conf().checkpointFsync());
        this.id = checkpoint.loadOrCreateQueryId(UUID.randomUUID());
        checkpoint.deleteLeftoverTempFiles(); // a kill -9 mid-write leaves hidden .tmp files
        this.incremental = new IncrementalPlan(spec.plan(), spec.outputMode(), Boolean.parseBoolean(
                spec.session().conf().get(WatermarkPropagation.ALLOW_MULTIPLE, "true")));
        checkStateMetadata();
        SourceKinds.check(checkpoint, SourceKinds.of(incremental.relations()));
        this.progress = new ProgressTracker(spec.clock());
        this.commitWriter = new CommitEntryWriter(checkpoint, spec.session().conf().checkpointFsync(), id);
        this.noDataEventIntervalMs = Long.parseLong(spec.session().conf()
                .get("spark.sql.streaming.noDataProgressEventInterval", "10000"));
        String label = spec.name() == null ? "" : spec.name() + " ";
        this.thread = new Thread(this::run, "stream execution thread for " + label + "[id = " + id + ", runId = " + runId
                + "]");
        this.thread.setDaemon(true);
    }

    /**
     * Spark's state schema check, at {@code start()}: the query's stateful operators and their state layouts
     * must match what the checkpoint recorded ({@code state/<id>/_metadata}).
     */
    private void checkStateMetadata() {
        Map<Long, OperatorStateMetadata> current = new TreeMap<>();
        for (StatefulOperator op : incremental.statefulOperators()) {
            current.put((long) op.operatorId(), op.metadata(0, ""));
        }
        StateSchemaCheck.check(OperatorStateMetadata.readAll(checkpoint.root()), current);
    }

    /** Starts the execution thread. */
    public void start() {
        thread.start();
    }

    private void run() {
        Throwable failure = null;
        try {
            initialize();
            runTriggers();
        } catch (Throwable t) {
            if (!(stopRequested && isInterruption(t))) {
                failure = t;
            }
        } finally {
            finish(failure);
        }
    }

    private static boolean isInterruption(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof java.nio.channels.ClosedByInterruptException
                    || c instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private void initialize() {
        List<Source> created = new ArrayList<>();
        List<StreamingRelation> relations = incremental.relations();
        for (int i = 0; i < relations.size(); i++) {
            created.add(relations.get(i).sourceFactory().create(checkpoint.sourcePath(i).toString()));
        }
        sources = created;
        if (spec.trigger().kind() != Trigger.Kind.REAL_TIME) {
            // planNextBatch awaits each source's log before the offset entry: their fsyncs may overlap
            created.forEach(Source::deferPlanLogging);
        }
        // sources that can skip unread columns are told which
        SourcePruning.apply(spec.plan(), relations, created,
                Boolean.parseBoolean(spec.session().conf().get(SourcePruning.NESTED_CONF, "true")));
        SourcePushdown.apply(spec.plan(), relations, created, incremental); // and which rows they may skip
        gettingOffsets = new StreamingQueryStatus("Getting offsets from " + describeSources(), false, true);
        sink = spec.sinkFactory().get();
        Map<String, String> sessionConf = new HashMap<>();
        sessionConf.put(ResumePoint.SHUFFLE_PARTITIONS, Integer.toString(spec.session().conf().shufflePartitions()));
        sessionConf.put(StateStoreConf.PROVIDER_CLASS, spec.session().conf().get(StateStoreConf.PROVIDER_CLASS,
                StateStoreConf.DEFAULT.providerName()));
        sessionConf.put(WatermarkTracker.POLICY, spec.session().conf().get(WatermarkTracker.POLICY, "min"));
        sessionConf.put(ResumePoint.SOURCE_KINDS, SourceKinds.of(relations));
        sessionConf.put(ResumePoint.JOIN_LAYOUT, spec.session().conf().get(ResumePoint.JOIN_LAYOUT, "2"));
        ResumePoint resume = ResumePoint.load(checkpoint, sources.size(), sessionConf,
                spec.session().conf().contains(ResumePoint.SHUFFLE_PARTITIONS));
        queryConf = resume.queryConf();
        watermark = new WatermarkTracker(incremental.watermarkNodes(), queryConf.get(WatermarkTracker.POLICY));
        batchId = resume.batchId();
        committed = toOffsets(resume.committed());
        available = resume.pendingRerun() ? toOffsets(resume.rerun()) : new Offset[sources.size()];
        pendingRerun = resume.pendingRerun();
        batchTimestampMs = resume.batchTimestampMs();
        watermark.restore(resume.batchWatermarkMs());
        batchWatermarkMs = resume.batchWatermarkMs();
        lateEventsWatermarkMs = resume.lateEventsWatermarkMs();
        int statePartitions = resume.statePartitions();
        Map<String, String> storeSettings = new HashMap<>(spec.session().conf().getAll());
        storeSettings.put(StateStoreConf.PROVIDER_CLASS, queryConf.get(StateStoreConf.PROVIDER_CLASS));
        StateStoreConf stateConf = StateStoreConf.from(storeSettings);
        for (StatefulOperator op : incremental.statefulOperators()) {
            op.identify(id, runId);
            op.useQueryConf(queryConf);
            op.open(checkpoint.root(), stateConf, statePartitions, resume.previousPartitions(), resume.keyGroups(),
                    resume.routingVersion(), batchId, spec.session().conf().checkpointFsync());
        }
        if (spec.trigger().kind() == Trigger.Kind.AVAILABLE_NOW) {
            sources.forEach(Source::prepareForTriggerAvailableNow);
        }
        if (spec.trigger().kind() == Trigger.Kind.REAL_TIME) {
            sources.forEach(RealTimeChecks::checkSource);
        }
    }

    private Offset[] toOffsets(List<String> offsets) {
        Offset[] out = new Offset[sources.size()];
        for (int i = 0; i < out.length; i++) {
            String json = offsets.get(i);
            out[i] = json == null ? null : sources.get(i).deserializeOffset(json);
        }
        return out;
    }

    private void runTriggers() throws InterruptedException {
        Trigger trigger = spec.trigger();
        switch (trigger.kind()) {
            case ONCE -> runTrigger(true);
            case AVAILABLE_NOW -> {
                while (!stopRequested && runTrigger(false)) {
                    // drain in read-limited batches
                }
            }
            case REAL_TIME -> new RealTimeEpochs(this).run();
            case PROCESSING_TIME, DEFAULT -> {
                long interval = trigger.intervalMs();
                while (!stopRequested) {
                    long start = spec.clock().getTimeMillis();
                    boolean ran = runTrigger(false);
                    if (stopRequested) {
                        break;
                    }
                    if (interval > 0) {
                        awaitClock(start / interval * interval + interval);
                    } else if (!ran) {
                        idleWait();
                    }
                }
            }
        }
    }

    private void awaitClock(long target) throws InterruptedException {
        synchronized (lock) {
            if (stopRequested) {
                return;
            }
            waiting = true;
            status = new StreamingQueryStatus("Waiting for next trigger", status.isDataAvailable(), false);
        }
        try {
            spec.clock().waitTillTime(target);
        } finally {
            synchronized (lock) {
                waiting = false;
                Thread.interrupted();
            }
        }
    }

    private void idleWait() throws InterruptedException {
        synchronized (lock) {
            if (!stopRequested) {
                lock.wait(IDLE_POLL_MS);
            }
        }
    }

    /** One trigger; returns whether a batch ran. */
    boolean runTrigger(boolean ignoreReadLimits) {
        // the previous batch's purge ran in the background; every trigger starts with the logs as a commit left them
        commitWriter.awaitPurge();
        synchronized (lock) {
            triggerGeneration = requestedGeneration;
        }
        progress.startTrigger();
        boolean rerun = pendingRerun;
        if (!rerun && !planNextBatch(ignoreReadLimits)) {
            onIdle();
            return false;
        }
        status = new StreamingQueryStatus("Processing new data", true, true);
        runBatch();
        if (!rerun && !batchHadNewData) {
            signalIdle(); // a batch run only for time to pass (processing-time timeouts): nothing was left
        }
        return true;
    }

    /** Asks the sources for new data; when there is some, writes the offset log entry. */
    private boolean planNextBatch(boolean ignoreReadLimits) {
        status = gettingOffsets;
        Offset[] latest = progress.time("latestOffset", () -> spec.hooks().aroundLatestOffsets(() -> {
            Offset[] out = new Offset[sources.size()];
            for (int i = 0; i < out.length; i++) {
                Source s = sources.get(i);
                out[i] = s.latestOffset(committed[i], ignoreReadLimits ? ReadLimit.allAvailable() : s.defaultReadLimit());
            }
            return out;
        }));
        boolean hasNewData = false;
        for (int i = 0; i < latest.length; i++) {
            hasNewData |= !Objects.equals(json(latest[i]), json(committed[i]));
        }
        if (!hasNewData && !shouldRunNoDataBatch()) {
            return false;
        }
        batchHadNewData = hasNewData || !incremental.runsBatchesWithoutData();
        available = latest;
        batchTimestampMs = progress.triggerStart();
        List<String> offsets = new ArrayList<>();
        for (Offset o : available) {
            offsets.add(json(o));
        }
        lateEventsWatermarkMs = batchWatermarkMs;
        batchWatermarkMs = watermark.watermarkMs();
        OffsetSeq entry = new OffsetSeq(offsets, batchWatermarkMs, batchTimestampMs, queryConf);
        commitWriter.prepare(batchId);
        progress.time("walCommit", () -> logOffsets(entry));
        return true;
    }

    /**
     * Writes {@code offsets/<batchId>}: its file is written and fsynced while the sources finish their own logs of the
     * batch ({@link Source#deferPlanLogging}), and it appears (rename, folder fsync) only once they are durable, so the
     * write-ahead order is that of writing them one after the other.
     */
    private void logOffsets(OffsetSeq entry) {
        CheckpointFile.Prepared file = checkpoint.offsets().prepare(batchId, entry);
        try {
            for (Source s : sources) {
                s.awaitPlanLogged();
            }
        } catch (RuntimeException | Error e) {
            file.discard();
            throw e;
        }
        file.publish();
    }

    /**
     * Whether a batch should run without new data (Spark's {@code shouldRunAnotherBatch}): after a batch of
     * this run moved the watermark so far that a stateful operator would emit or evict state, or always for an
     * operator that needs time to pass (processing-time timeouts).
     */
    private boolean shouldRunNoDataBatch() {
        return ranBatchInThisRun && Boolean.parseBoolean(spec.session().conf().get(NO_DATA_BATCHES, "true"))
                && (incremental.runsBatchesWithoutData() || watermark.enabled() && incremental.statefulOperators()
                .stream().anyMatch(op -> op.shouldRunAnotherBatch(
                        incremental.watermarkPropagation().inputWatermarkMs(op, watermark.watermarkMs()))));
    }

    private void runBatch() {
        Map<StreamingRelation, BatchInput> inputs = new IdentityHashMap<>();
        long[] rows = new long[sources.size()];
        progress.time("getBatch", () -> {
            for (int i = 0; i < sources.size(); i++) {
                Source source = sources.get(i);
                Offset start = committed[i];
                Offset end = available[i];
                // the source is read as the pipeline takes its chunks (in addBatch), not here
                inputs.put(incremental.relations().get(i), end == null || Objects.equals(json(end), json(start))
                        ? BatchInput.empty() : new BatchInput(() -> source.readChunks(start, end)));
            }
        });
        progress.time("queryPlanning", () -> {
            watermark.startBatch();
            WatermarkPropagation propagation = incremental.watermarkPropagation();
            propagation.check(batchWatermarkMs, incremental.statefulOperators());
            incremental.statefulOperators().forEach(op -> op.startBatch(
                    propagation.watermarks(op, lateEventsWatermarkMs, batchWatermarkMs), batchTimestampMs));
        });
        long outputRows = progress.time("addBatch", () -> {
            BatchContext context = new BatchContext(id.toString(), batchId, checkpoint.root().toString(),
                    spec.outputMode(), spec.plan().schema(),
                    rowsOfBatch -> Dataset.ofRows(spec.session(), new LocalRelation(spec.plan().output(), rowsOfBatch)));
            MemoryBudget budget = MemoryBudget.of(spec.session().conf().get(MemoryBudget.KEY, null));
            BatchWriter writer = sink.newBatchWriter(context);
            return BatchWriter.writeBatch(writer, out -> {
                // a writer that may write on the workers gets each chunk there, still in order (ChunkConsumer)
                ChunkConsumer output = writer.writesOnWorkers() ? ChunkConsumer.onWorkers(out::accept) : out::accept;
                incremental.execute(inputs, watermark, batchTimestampMs, spec.session().parallelism(), budget,
                        output);
                for (int i = 0; i < sources.size(); i++) {
                    rows[i] = inputs.get(incremental.relations().get(i)).rowCount();
                }
            });
        });
        commitBatch(rows, outputRows);
        watermark.advance();
    }

    /**
     * After the sink committed batch {@code batchId} (a micro-batch or a real-time epoch): the operators' state,
     * the commit log, the sources' commit, progress; then the next batch id. Purging the old log entries runs in the
     * background and is awaited when the next trigger starts ({@link CommitEntryWriter#purgeLater}).
     */
    void commitBatch(long[] rows, long outputRows) {
        spec.hooks().beforeCommit(batchId);
        long id = batchId;
        Offset[] ended = available;
        progress.time("commitOffsets", () -> {
            for (StatefulOperator op : incremental.statefulOperators()) {
                op.commit();
            }
            logCommit(id);
            commitSources(ended);
            commitWriter.purgeLater(() -> purgeLogs(id)); // deletes wait on the journal: off the batch's path
        });
        nextBatch(rows, outputRows);
    }

    /**
     * The overlapped form of {@link #commitBatch} for real-time epochs, after the sink committed batch
     * {@code batchId}: seals the operators' state (the next batch may open it at once), reports progress and moves
     * to the next batch id; returns what makes the batch durable, to run on another thread — the state's files,
     * then {@code commits/<id>} and purging — after which the caller runs {@link #commitSources} on this thread.
     * The next batch's offset log entry must wait for it (an offset entry follows the previous commit).
     */
    Runnable sealBatch(long[] rows, long outputRows) {
        spec.hooks().beforeCommit(batchId);
        long id = batchId;
        List<Runnable> stateWrites = progress.time("commitOffsets", () -> {
            List<Runnable> writes = new ArrayList<>();
            for (StatefulOperator op : incremental.statefulOperators()) {
                writes.add(op.seal());
            }
            return writes;
        });
        nextBatch(rows, outputRows);
        return () -> {
            stateWrites.forEach(Runnable::run);
            logCommit(id);
            purgeLogs(id);
        };
    }

    /** The state of batch {@code id} is durable: the hook, then its commit log entry. */
    private void logCommit(long id) {
        spec.hooks().afterStateCommit(id);
        commitWriter.publish(id);
    }

    /** Tells the sources that everything up to {@code ended} is committed (they may discard it). */
    void commitSources(Offset[] ended) {
        for (int i = 0; i < sources.size(); i++) {
            if (ended[i] != null) {
                sources.get(i).commit(ended[i]);
            }
        }
    }

    private void purgeLogs(long id) {
        long threshold = id + 1 - spec.minBatchesToRetain();
        if (threshold > 0) {
            checkpoint.offsets().purge(threshold);
            checkpoint.commits().purge(threshold);
        }
    }

    private void nextBatch(long[] rows, long outputRows) {
        reportProgress(rows, outputRows);
        ranBatchInThisRun = true;
        committed = available.clone();
        pendingRerun = false;
        batchId++;
        lastIdleEventMs = spec.clock().getTimeMillis();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    void reportProgress(long[] rows, long outputRows) {
        List<ProgressTracker.SourceFigures> figures = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Offset latest = sources.get(i).reportLatestOffset();
            figures.add(new ProgressTracker.SourceFigures(sources.get(i).description(), json(committed[i]),
                    json(available[i]), json(latest), rows[i], sources.get(i).metrics(available[i])));
        }
        List<StateOperatorProgress> operators = new ArrayList<>();
        for (StatefulOperator op : incremental.statefulOperators()) {
            operators.add(op.progress());
        }
        Map<String, dev.sluice.sql.Row> observed = new java.util.LinkedHashMap<>();
        incremental.lastObservedMetrics().forEach((name, m) -> observed.put(name, dev.sluice.analysis.JavaValues.toRows(
                List.of(m.row()), StreamingQueryProgress.schemaOf(m.columns())).get(0)));
        StreamingQueryProgress p = progress.finishBatch(id, runId, spec.name(), batchId, figures,
                watermark.progress(batchWatermarkMs), operators,
                new SinkProgress(sink.description(), sink.reportsNumOutputRows() ? outputRows : -1, Map.of()), observed);
        events.post(new QueryProgressEvent(p));
    }

    void onIdle() {
        long now = spec.clock().getTimeMillis();
        status = WAITING_FOR_DATA;
        if (lastIdleEventMs == Long.MIN_VALUE || now - lastIdleEventMs >= noDataEventIntervalMs) {
            events.post(new QueryIdleEvent(id, runId, ProgressTracker.format(now)));
            lastIdleEventMs = now;
        }
        signalIdle();
    }

    /** Tells {@link #processAllAvailable} waiters that this trigger found nothing left to process. */
    void signalIdle() {
        synchronized (lock) {
            idleGeneration = triggerGeneration;
            lock.notifyAll();
        }
    }

    private void finish(Throwable failure) {
        try {
            commitWriter.close();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        for (StatefulOperator op : incremental.statefulOperators()) {
            try {
                op.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (Source s : sources) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (sink != null) {
            try {
                sink.stop();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            exception = new StreamingQueryException(id.toString(), runId.toString(), failure);
        } else if (spec.temporaryCheckpoint()) {
            deleteRecursively(spec.checkpointRoot());
        }
        status = new StreamingQueryStatus("Stopped", false, false);
        events.terminated(this, () -> active = false); // unregistered before it reads as inactive: restarts race-free
        String condition = failure instanceof dev.sluice.SluiceThrowable se ? se.getCondition() : null;
        events.post(new QueryTerminatedEvent(id, runId, failure == null ? null : stackTrace(exception), condition));
        terminated.countDown();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static String json(Offset o) {
        return o == null ? null : o.json();
    }

    private String describeSources() {
        return sources.stream().map(Source::description).toList().toString();
    }

    // ---- StreamingQuery

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public UUID runId() {
        return runId;
    }

    @Override
    public SluiceSession sparkSession() {
        return spec.session();
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public dev.sluice.api.java.Option<StreamingQueryException> exception() {
        return dev.sluice.api.java.Option.apply(exception);
    }

    @Override
    public StreamingQueryStatus status() {
        return status;
    }

    @Override
    public StreamingQueryProgress[] recentProgress() {
        return progress.recent();
    }

    @Override
    public StreamingQueryProgress lastProgress() {
        return progress.last();
    }

    @Override
    public void awaitTermination() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for query " + id, e);
        }
        throwIfFailed();
    }

    @Override
    public boolean awaitTermination(long timeoutMs) {
        try {
            boolean done = terminated.await(timeoutMs, TimeUnit.MILLISECONDS);
            throwIfFailed();
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for query " + id, e);
        }
    }

    private void throwIfFailed() {
        if (exception != null) {
            throw exception;
        }
    }

    @Override
    public void processAllAvailable() {
        synchronized (lock) {
            long request = ++requestedGeneration;
            lock.notifyAll();
            while (true) {
                throwIfFailed();
                // only a trigger that started after this call may prove that nothing is left
                if (!isActive() || idleGeneration >= request) {
                    return;
                }
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted in processAllAvailable of query " + id, e);
                }
            }
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            stopRequested = true;
            if (waiting) {
                thread.interrupt();
            }
            lock.notifyAll();
        }
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            finish(null);
        }
    }

    @Override
    public void explain() {
        explain(false);
    }

    @Override
    public void explain(boolean extended) {
        System.out.println(explainString(extended));
    }

    /** The text {@link #explain(boolean)} prints. */
    public String explainString(boolean extended) {
        StringBuilder sb = new StringBuilder();
        if (extended) {
            sb.append("== Analyzed Logical Plan ==\n").append(spec.plan().treeString()).append('\n');
        }
        sb.append("== Physical Plan ==\n").append(incremental.treeString());
        // Spark's QueryExecution.simpleString ends the plan with one more newline (then explain()'s println).
        return extended ? sb.toString() : sb.append('\n').toString();
    }

    /** The checkpoint folder of this query. */
    public Path checkpointLocation() {
        return checkpoint.root();
    }

    @Override
    public String toString() {
        return "StreamingQuery " + (spec.name() == null ? "" : spec.name() + " ") + "[id = " + id + ", runId = " + runId
                + "]";
    }
}
