package dev.sluice.exec;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.GroupsWithStateFunction;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.GroupState;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the function of a {@link FlatMapGroupsWithState} node over rows: grouping by key (in first-seen
 * order) and calling the function, shared by batch queries (one call per key, no prior state) and the
 * streaming operator. Stateless.
 */
public final class GroupsWithStateCalls {
    private GroupsWithStateCalls() {
    }

    /** The input rows (external rows of the node's child schema) of each key, keys in first-seen order. */
    public static Map<Row, List<Row>> group(FlatMapGroupsWithState node, List<Chunk> input) {
        List<Row> rows = JavaValues.toRows(input, node.child().schema());
        Map<Row, List<Row>> groups = new LinkedHashMap<>();
        GroupsWithStateFunction f = node.function();
        for (Row row : rows) {
            Row key;
            try {
                key = f.key(row);
            } catch (Exception e) {
                throw failure("the key function of groupByKey", e);
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    /** Calls the function on one group, appending its output rows to {@code out}. */
    public static void call(FlatMapGroupsWithState node, Row key, List<Row> values, GroupState<Object> state,
                            List<Row> out) {
        try {
            Iterator<Row> it = node.function().call(key, values, state);
            it.forEachRemaining(out::add);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw failure("the function of " + (node.mapGroups() ? "mapGroupsWithState" : "flatMapGroupsWithState"), e);
        }
    }

    /** Output rows as chunks of the node's output schema. */
    public static List<Chunk> toChunks(FlatMapGroupsWithState node, List<Row> rows) {
        return JavaValues.toChunks(rows, node.schema(), ZoneOffset.UTC);
    }

    /** A batch query: one call per key, with no state and no timeout. */
    public static List<Chunk> runBatch(FlatMapGroupsWithState node, List<Chunk> input) {
        List<Row> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Map.Entry<Row, List<Row>> g : group(node, input).entrySet()) {
            call(node, g.getKey(), g.getValue(), new GroupStateImpl<>(null, now, 0, false, node.timeout(), false), out);
        }
        return toChunks(node, out);
    }

    private static RuntimeException failure(String what, Exception e) {
        return new IllegalStateException("Exception thrown in " + what + ": " + e, e);
    }
}
