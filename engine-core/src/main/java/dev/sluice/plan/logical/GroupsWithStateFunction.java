package dev.sluice.plan.logical;

import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.GroupState;
import dev.sluice.sql.types.StructType;
import java.util.Iterator;
import java.util.List;

/**
 * The user function of a {@link FlatMapGroupsWithState} node seen through its encoders, internal API: keys,
 * values, state and output travel as external {@link Row}s of the encoders' schemas; the state object
 * itself is held by the {@link GroupState}. Implementations are immutable.
 */
public interface GroupsWithStateFunction {
    /** The key encoder's schema: the key columns of the state. */
    StructType keySchema();

    /** The state encoder's schema: the value columns of the state. */
    StructType stateSchema();

    /** The output encoder's schema. */
    StructType outputSchema();

    /** The key of one input row, as a row of {@link #keySchema()}. */
    Row key(Row input) throws Exception;

    /** A state object as a row of {@link #stateSchema()}. */
    Row encodeState(Object state);

    /** The state object of a row of {@link #stateSchema()}. */
    Object decodeState(Row row);

    /** Calls the user function on one group; returns rows of {@link #outputSchema()}. */
    Iterator<Row> call(Row key, List<Row> values, GroupState<Object> state) throws Exception;

    /** The initial state ({@code [flat]MapGroupsWithState(..., initialState)}), or null. */
    default InitialStateSource initialState() {
        return null;
    }
}
