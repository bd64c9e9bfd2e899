package dev.sluice.exec;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.GroupsWithStateFunction;
import dev.sluice.plan.logical.InitialStateSource;
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

    /**
     * A batch query: one call per key with rows, with no state (or its initial state) and no timeout, then one
     * per key of the initial state without rows.
     */
    public static List<Chunk> runBatch(FlatMapGroupsWithState node, List<Chunk> input) {
        List<Row> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        Map<Row, Object> initial = initialStates(node);
        Map<Row, List<Row>> groups = group(node, input);
        for (Map.Entry<Row, List<Row>> g : groups.entrySet()) {
            call(node, g.getKey(), g.getValue(), new GroupStateImpl<>(initial.get(g.getKey()), now, 0, false,
                    node.timeout(), false), out);
        }
        for (Map.Entry<Row, Object> e : initial.entrySet()) {
            if (!groups.containsKey(e.getKey())) {
                call(node, e.getKey(), List.of(), new GroupStateImpl<>(e.getValue(), now, 0, false, node.timeout(),
                        false), out);
            }
        }
        return toChunks(node, out);
    }

    /**
     * The initial state of each key (empty without one), in the initial state's order.
     *
     * @throws IllegalArgumentException when a key has two rows (Spark's text)
     */
    public static Map<Row, Object> initialStates(FlatMapGroupsWithState node) {
        InitialStateSource source = node.function().initialState();
        if (source == null) {
            return Map.of();
        }
        List<Object[]> rows;
        try {
            rows = source.rows();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw failure("the initial state of " + (node.mapGroups() ? "mapGroupsWithState" : "flatMapGroupsWithState"),
                    e);
        }
        Map<Row, Object> states = new LinkedHashMap<>();
        for (Object[] row : rows) {
            if (states.put((Row) row[0], row[1]) != null) {
                throw new IllegalArgumentException("The initial state provided contained multiple rows(state) with the"
                        + " same key. Make sure to de-duplicate the initial state before passing it.");
            }
        }
        return states;
    }

    private static RuntimeException failure(String what, Exception e) {
        return new IllegalStateException("Exception thrown in " + what + ": " + e, e);
    }
}
