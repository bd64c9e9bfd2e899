package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.Window;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a batch (bounded) logical plan to completion and returns its rows as chunks. Each node is turned
 * into its operator once (expressions bound to ordinals), then fed its children's chunks. Streaming
 * leaves are resolved by {@code leafResolver}, which the micro-batch engine uses to hand in the rows of
 * the current batch. Single-threaded per call; plans and operators are immutable so concurrent calls are
 * independent.
 */
public final class BatchExecutor {
    private final Function<LogicalPlan, List<Chunk>> leafResolver;
    private final java.util.function.Predicate<LogicalPlan> resolvedByCaller;

    public BatchExecutor() {
        this(plan -> {
            throw new IllegalStateException("no data for plan leaf " + plan.describe());
        });
    }

    /** {@code leafResolver} supplies the rows of leaves other than {@link LocalRelation}. */
    public BatchExecutor(Function<LogicalPlan, List<Chunk>> leafResolver) {
        this(leafResolver, plan -> false);
    }

    /**
     * {@code leafResolver} also supplies the rows of every node for which {@code resolvedByCaller} is true
     * (the micro-batch engine runs its stateful operators that way, calling back into this executor for
     * their inputs).
     */
    public BatchExecutor(Function<LogicalPlan, List<Chunk>> leafResolver,
                         java.util.function.Predicate<LogicalPlan> resolvedByCaller) {
        this.leafResolver = leafResolver;
        this.resolvedByCaller = resolvedByCaller;
    }

    /** Runs the plan; {@code current_timestamp()} is fixed to one value for the whole run. */
    public List<Chunk> execute(LogicalPlan plan) {
        return QueryTime.with(System.currentTimeMillis() * 1000L, () -> run(plan));
    }

    private List<Chunk> run(LogicalPlan plan) {
        if (resolvedByCaller.test(plan)) {
            return leafResolver.apply(plan);
        }
        if (plan instanceof LocalRelation r) {
            return r.chunks();
        }
        if (plan instanceof dev.sluice.plan.logical.ScanRelation s) {
            return s.scan().read();
        }
        if (plan instanceof Project p) {
            List<Expression> bound = Binder.bindAll(p.projectList(), p.child().output());
            List<Chunk> out = new ArrayList<>();
            for (Chunk c : run(p.child())) {
                out.add(project(bound, c));
            }
            return out;
        }
        if (plan instanceof Filter f) {
            Expression condition = Binder.bind(f.condition(), f.child().output());
            List<Chunk> out = new ArrayList<>();
            for (Chunk c : run(f.child())) {
                Chunk kept = Chunks.select(c, condition.eval(c));
                if (kept.rowCount() > 0) {
                    out.add(kept);
                }
            }
            return out;
        }
        if (plan instanceof Aggregate a) {
            HashAggregator aggregator = new HashAggregator(new AggregationSpec(a));
            for (Chunk c : run(a.child())) {
                aggregator.add(c);
            }
            return aggregator.result();
        }
        if (plan instanceof Sort s) {
            List<SortOrder> bound = new ArrayList<>();
            for (SortOrder o : s.order()) {
                bound.add((SortOrder) Binder.bind(o, s.child().output()));
            }
            Chunk all = concat(run(s.child()), s.child().output());
            return Chunks.split(new SortOperator(bound).sort(all));
        }
        if (plan instanceof Limit l) {
            return limit(run(l.child()), l.limit());
        }
        if (plan instanceof Union u) {
            List<Chunk> out = new ArrayList<>();
            for (LogicalPlan child : u.children()) {
                out.addAll(run(child));
            }
            return out;
        }
        if (plan instanceof Join j) {
            Chunk left = concat(run(j.left()), j.left().output());
            Chunk right = concat(run(j.right()), j.right().output());
            return new JoinOperator(j).join(left, right);
        }
        if (plan instanceof Generate g) {
            GenerateOperator operator = new GenerateOperator(g);
            List<Chunk> out = new ArrayList<>();
            for (Chunk c : run(g.child())) {
                Chunk generated = operator.execute(c);
                if (generated.rowCount() > 0) {
                    out.add(generated);
                }
            }
            return out;
        }
        if (plan instanceof dev.sluice.plan.logical.UpdateSessions u) {
            Chunk all = concat(run(u.child()), u.child().output());
            return Chunks.split(new SessionOperator(u).execute(all));
        }
        if (plan instanceof Window w) {
            Chunk all = concat(run(w.child()), w.child().output());
            return Chunks.split(new WindowOperator(w).execute(all));
        }
        if (plan instanceof Deduplicate d) {
            return deduplicate(d);
        }
        if (plan instanceof dev.sluice.plan.logical.EventTimeWatermark w) {
            return run(w.child()); // a watermark means nothing to a batch query (as Spark)
        }
        if (plan instanceof SubqueryAlias s) {
            return run(s.child());
        }
        if (plan instanceof dev.sluice.plan.logical.FlatMapGroupsWithState g) {
            return GroupsWithStateExec.runBatch(g, run(g.child()));
        }
        return leafResolver.apply(plan);
    }

    /** Evaluates bound projections over one chunk. */
    public static Chunk project(List<Expression> boundProjections, Chunk input) {
        ColumnVector[] columns = new ColumnVector[boundProjections.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = boundProjections.get(i).eval(input);
        }
        return new Chunk(input.rowCount(), columns);
    }

    /** Every row of {@code chunks} in one chunk with the columns of {@code output} (an empty chunk if none). */
    public static Chunk concat(List<Chunk> chunks, List<AttributeReference> output) {
        List<DataType> types = output.stream().map(AttributeReference::dataType).toList();
        if (chunks.isEmpty()) {
            ColumnVector[] empty = new ColumnVector[types.size()];
            for (int i = 0; i < empty.length; i++) {
                empty[i] = ColumnVector.allocate(types.get(i), 1);
            }
            return new Chunk(0, empty);
        }
        return Chunks.concat(chunks, types);
    }

    private static List<Chunk> limit(List<Chunk> chunks, int limit) {
        List<Chunk> out = new ArrayList<>();
        int remaining = limit;
        for (Chunk c : chunks) {
            if (remaining <= 0) {
                break;
            }
            if (c.rowCount() <= remaining) {
                out.add(c);
                remaining -= c.rowCount();
            } else {
                out.add(c.copyRange(0, remaining));
                remaining = 0;
            }
        }
        return out;
    }

    private List<Chunk> deduplicate(Deduplicate d) {
        List<Expression> keys = Binder.bindAll(d.keys(), d.child().output());
        GroupingTable seen = new GroupingTable(keys.stream().map(Expression::dataType).toList());
        List<Chunk> out = new ArrayList<>();
        for (Chunk c : run(d.child())) {
            Chunk firsts = firstOccurrences(seen, keys, c);
            if (firsts.rowCount() > 0) {
                out.add(firsts);
            }
        }
        return out;
    }

    /**
     * The rows of {@code c} whose key {@code seen} did not hold yet, keeping only the first of duplicates
     * within the chunk: group ids are handed out in row order, so a row is first exactly when its id is the
     * next unused one.
     */
    public static Chunk firstOccurrences(GroupingTable seen, List<Expression> boundKeys, Chunk c) {
        ColumnVector[] keyColumns = new ColumnVector[boundKeys.size()];
        for (int k = 0; k < keyColumns.length; k++) {
            keyColumns[k] = boundKeys.get(k).eval(c);
        }
        int n = c.rowCount();
        int[] groups = new int[Math.max(n, 1)];
        int next = seen.groupCount();
        seen.groupIds(keyColumns, n, groups);
        int[] rows = new int[Math.max(n, 1)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (groups[i] == next) {
                rows[count++] = i;
                next++;
            }
        }
        return count == n ? c : c.take(rows, count);
    }
}
