package dev.sluice.sql.streaming;

import dev.sluice.sql.SluiceException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;

/**
 * The user logic of {@code KeyValueGroupedDataset.transformWithState} (Spark 4's successor of
 * {@code [flat]MapGroupsWithState}), as Spark's {@code StatefulProcessor}: per grouping key it reads and writes
 * any number of typed state variables and timers through {@link #getHandle()}, and returns output rows.
 *
 * <p>Lifecycle per batch, as Spark runs it per task: {@link #init} (declare the state variables), then
 * {@link #handleInputRows} once for each key with rows in the batch (keys in first-seen order), then
 * {@link #handleExpiredTimer} once per expired timer (in time order), then {@link #close}. A streaming
 * query commits every state change and timer of the batch with the batch, so after a crash the batch runs
 * again from the previous state and its effects count once. When the query starts, {@link #init} is also
 * called once to learn the state variables (their layout is recorded in the checkpoint); that handle's
 * variables cannot be read or written.
 *
 * <p>Threading: one instance serves one query, called by its execution thread only, one method at a time.
 *
 * @param <K> the grouping key type
 * @param <I> the input row type
 * @param <O> the output row type
 */
public abstract class StatefulProcessor<K, I, O> implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient StatefulProcessorHandle handle;

    /** Declares the state variables through {@link #getHandle()}. */
    public abstract void init(OutputMode outputMode, TimeMode timeMode) throws Exception;

    /** Handles the rows of {@code key} that arrived in this batch (at least one); returns any number of rows. */
    public abstract Iterator<O> handleInputRows(K key, Iterator<I> inputRows, TimerValues timerValues)
            throws Exception;

    /** Handles a timer of {@code key} that expired; returns any number of rows. Default: nothing. */
    public Iterator<O> handleExpiredTimer(K key, TimerValues timerValues, ExpiredTimerInfo expiredTimerInfo)
            throws Exception {
        return Collections.emptyIterator();
    }

    /** Called at the end of each batch. Default: nothing. */
    public void close() throws Exception {
    }

    /** Set by the engine before {@link #init}; not for user code. */
    public final void setHandle(StatefulProcessorHandle handle) {
        this.handle = handle;
    }

    /**
     * The handle of the running batch.
     *
     * @throws SluiceException {@code STATE_STORE_HANDLE_NOT_INITIALIZED} outside {@code transformWithState}
     */
    public final StatefulProcessorHandle getHandle() {
        if (handle == null) {
            throw new SluiceException("STATE_STORE_HANDLE_NOT_INITIALIZED", "The handle has not been initialized"
                    + " for this StatefulProcessor.\nPlease only use the StatefulProcessor within the"
                    + " transformWithState operator.", "42802", null);
        }
        return handle;
    }
}
