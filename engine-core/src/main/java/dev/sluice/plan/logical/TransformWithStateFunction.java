package dev.sluice.plan.logical;

import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StatefulProcessor;
import dev.sluice.sql.types.StructType;

/**
 * The user side of a {@link TransformWithState} node seen through its encoders, internal API: grouping keys
 * travel as external {@link Row}s of {@link #keySchema()}, input rows as rows of the child's schema, output as
 * rows of {@link #outputSchema()}. Implementations are immutable apart from the processor they wrap.
 */
public interface TransformWithStateFunction {
    /** The key encoder's schema. */
    StructType keySchema();

    /** The output encoder's schema. */
    StructType outputSchema();

    /** The user's processor (a {@code StatefulProcessorWithInitialState} when there is an {@link #initialState()}). */
    StatefulProcessor<Object, Object, Object> processor();

    /** The grouping key of one input row, as a row of {@link #keySchema()}. */
    Row key(Row input) throws Exception;

    /** The key object of a key row. */
    Object keyObject(Row key);

    /** The value object of one input row. */
    Object value(Row input) throws Exception;

    /** An output object as a row of {@link #outputSchema()}. */
    Row output(Object out);

    /** The initial state, or null. */
    InitialStateSource initialState();
}
