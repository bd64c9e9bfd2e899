package dev.sluice.plan.logical;

import java.util.List;

/**
 * The initial state a stateful operator of the typed API starts its first batch from
 * ({@code [flat]MapGroupsWithState(..., initialState)}, {@code transformWithState(..., initialState, ...)}): a
 * Dataset grouped by the operator's key type, seen through its encoders. Internal API; immutable.
 */
public interface InitialStateSource {
    /** Whether the Dataset is streaming (not allowed: it must be a batch Dataset). */
    boolean isStreaming();

    /** The Dataset's rows as {@code [key row, state object]} pairs, computed (the Dataset run) when called. */
    List<Object[]> rows() throws Exception;
}
