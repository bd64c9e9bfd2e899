package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.sql.streaming.GroupStateTimeout;
import dev.sluice.sql.streaming.OutputMode;
import java.util.List;

/**
 * {@code groupByKey(f).[flat]MapGroupsWithState(...)} (Spark's {@code FlatMapGroupsWithState}): calls
 * {@link #function()} once per key with the key's rows and its state, which a streaming query keeps
 * across batches; outputs the rows of the output encoder's schema. {@code mapGroups} marks
 * {@code mapGroupsWithState} (exactly one row per call, update mode only); {@link #outputMode()} is the
 * mode declared by {@code flatMapGroupsWithState}. Immutable.
 */
public final class FlatMapGroupsWithState extends UnaryNode {
    private final GroupsWithStateFunction function;
    private final GroupStateTimeout timeout;
    private final OutputMode outputMode;
    private final boolean mapGroups;
    private final List<AttributeReference> output;

    public FlatMapGroupsWithState(GroupsWithStateFunction function, GroupStateTimeout timeout, OutputMode outputMode,
                                  boolean mapGroups, LogicalPlan child) {
        super(child);
        this.function = function;
        this.timeout = timeout;
        this.outputMode = outputMode;
        this.mapGroups = mapGroups;
        this.output = java.util.Arrays.stream(function.outputSchema().fields())
                .map(f -> AttributeReference.create(f.name(), f.dataType(), f.nullable())).toList();
    }

    public GroupsWithStateFunction function() {
        return function;
    }

    public GroupStateTimeout timeout() {
        return timeout;
    }

    public OutputMode outputMode() {
        return outputMode;
    }

    public boolean mapGroups() {
        return mapGroups;
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public String describe() {
        return (mapGroups ? "MapGroupsWithState " : "FlatMapGroupsWithState ") + timeout + ", " + outputMode + " "
                + list(output);
    }
}
