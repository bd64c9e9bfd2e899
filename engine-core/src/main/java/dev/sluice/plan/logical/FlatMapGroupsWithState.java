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
 * mode declared by {@code flatMapGroupsWithState}. The same node, {@link #stateless() stateless}, is Spark's
 * {@code MapGroups} ({@code mapGroups}/{@code flatMapGroups}) and {@code CoGroup}: a streaming query runs it
 * on each micro-batch's rows alone and keeps nothing across batches, as Spark plans {@code MapGroupsExec} in a
 * streaming query. Immutable.
 */
public final class FlatMapGroupsWithState extends UnaryNode {
    private final GroupsWithStateFunction function;
    private final GroupStateTimeout timeout;
    private final OutputMode outputMode;
    private final boolean mapGroups;
    private final List<AttributeReference> output;
    /** Spark's node name for a stateless grouping ({@code MapGroups}, {@code CoGroup}); null when stateful. */
    private final String statelessName;

    public FlatMapGroupsWithState(GroupsWithStateFunction function, GroupStateTimeout timeout, OutputMode outputMode,
                                  boolean mapGroups, LogicalPlan child) {
        this(function, timeout, outputMode, mapGroups, child, null);
    }

    /** A stateless grouping named {@code statelessName} in plans ({@code MapGroups} or {@code CoGroup}). */
    public static FlatMapGroupsWithState stateless(String statelessName, GroupsWithStateFunction function,
                                                   LogicalPlan child) {
        return new FlatMapGroupsWithState(function, GroupStateTimeout.NoTimeout(), OutputMode.Append(), false, child,
                statelessName);
    }

    private FlatMapGroupsWithState(GroupsWithStateFunction function, GroupStateTimeout timeout, OutputMode outputMode,
                                   boolean mapGroups, LogicalPlan child, String statelessName) {
        super(child);
        this.statelessName = statelessName;
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

    /** True for Spark's {@code MapGroups}/{@code CoGroup}: no state, even in a streaming query. */
    public boolean stateless() {
        return statelessName != null;
    }

    /** The operator's name in plans: {@code MapGroups}, {@code CoGroup}, {@code [Flat]MapGroupsWithState}. */
    public String nodeName() {
        return statelessName != null ? statelessName : mapGroups ? "MapGroupsWithState" : "FlatMapGroupsWithState";
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public String describe() {
        if (statelessName != null) {
            return statelessName + " " + list(output);
        }
        return nodeName() + " " + timeout + ", " + outputMode + " " + list(output);
    }
}
