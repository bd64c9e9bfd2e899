package dev.sluice.sql.streaming;

/**
 * A {@link StatefulProcessor} whose state starts from a batch Dataset (Spark's
 * {@code StatefulProcessorWithInitialState}): in the query's first batch only (batch 0, also when it is
 * re-run after a crash), before any input row, {@link #handleInitialState} is called once per row of the
 * initial state, with that row's grouping key; several rows may share a key. A query restarted from a
 * checkpoint past batch 0 ignores the initial state. Threading as {@link StatefulProcessor}.
 *
 * @param <K> the grouping key type
 * @param <I> the input row type
 * @param <O> the output row type
 * @param <S> the initial state row type
 */
public abstract class StatefulProcessorWithInitialState<K, I, O, S> extends StatefulProcessor<K, I, O> {
    private static final long serialVersionUID = 1L;

    /** Loads one initial state row of {@code key} into the state variables (and may register timers). */
    public abstract void handleInitialState(K key, S initialState, TimerValues timerValues) throws Exception;
}
