package dev.sluice.stream;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.GetStructField;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsReadSchemaPruning;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tells each streaming source that can skip data ({@link SupportsReadSchemaPruning}) which columns and struct fields
 * the query reads (Spark's column pruning and nested schema pruning, for streaming sources): a column read only
 * through {@code struct.field} chains needs only those fields; a column named anywhere else (passed to a function,
 * compared, output) is read whole. Conservative: below any node kind not known to name every column it reads
 * (unions, deduplication, stateful and user functions, sinks' output), every column is read whole. The plan is not
 * changed: pruned columns and fields read as null and no operator reads them. Stateless.
 */
final class SourcePruning {
    private SourcePruning() {
    }

    /** Use of one column or struct field: whole, or only some fields (by ordinal). */
    private static final class Use {
        boolean whole;
        final Map<Integer, Use> fields = new TreeMap<>();

        void path(List<Integer> ordinals, int from) {
            if (whole) {
                return;
            }
            if (from == ordinals.size()) {
                whole = true;
                fields.clear();
                return;
            }
            fields.computeIfAbsent(ordinals.get(from), k -> new Use()).path(ordinals, from + 1);
        }
    }

    /** Spark's switch for nested pruning (default true); with false only whole columns are pruned. */
    static final String NESTED_CONF = "spark.sql.optimizer.nestedSchemaPruning.enabled";

    /**
     * Calls {@link SupportsReadSchemaPruning#pruneReadSchema} on the sources of {@code relations} that take it.
     *
     * @param nested whether struct fields are pruned too ({@link #NESTED_CONF}), else whole columns only
     */
    static void apply(LogicalPlan plan, List<StreamingRelation> relations, List<Source> sources, boolean nested) {
        Map<Long, Use> uses = null;
        for (int i = 0; i < relations.size(); i++) {
            if (!(sources.get(i) instanceof SupportsReadSchemaPruning pruning)) {
                continue;
            }
            if (uses == null) {
                uses = uses(plan, nested);
            }
            StructType schema = sources.get(i).schema();
            StructType required = required(relations.get(i).output(), schema, uses);
            if (required != null && !required.equals(schema)) {
                pruning.pruneReadSchema(required);
            }
        }
    }

    /** The part of {@code schema} (the relation's columns, in order) read; null when they do not line up. */
    static StructType required(List<AttributeReference> output, StructType schema, Map<Long, Use> uses) {
        if (output.size() != schema.length()) {
            return null;
        }
        List<StructField> kept = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            Use use = uses.get(output.get(i).exprId());
            if (use != null) {
                StructField f = schema.apply(i);
                kept.add(new StructField(f.name(), prune(f.dataType(), use), f.nullable()));
            }
        }
        if (kept.isEmpty()) {
            kept.add(schema.apply(0)); // the rows are still counted: one column stands in for them
        }
        return new StructType(kept);
    }

    private static DataType prune(DataType type, Use use) {
        if (use.whole || !(type instanceof StructType struct)) {
            return type;
        }
        List<StructField> kept = new ArrayList<>();
        use.fields.forEach((ordinal, fieldUse) -> {
            StructField f = struct.apply(ordinal);
            kept.add(new StructField(f.name(), prune(f.dataType(), fieldUse), f.nullable()));
        });
        return new StructType(kept);
    }

    /**
     * How every column of {@code root}'s plan is read, by expression id (ids are unique per relation, so one map for
     * the whole plan is exact). A projection's computed column counts only once something reads it (Spark's
     * {@code ColumnPruning} drops unread ones first): a view selecting every field of a struct costs nothing for the
     * fields a query over it never reads. Every other node's expressions always count.
     */
    static Map<Long, Use> uses(LogicalPlan root, boolean nested) {
        Map<Long, Use> uses = new HashMap<>();
        root.output().forEach(a -> whole(uses, a));
        List<Alias> computed = new ArrayList<>();
        visit(root, uses, new IdentityHashMap<>(), nested, computed);
        boolean changed = true;
        while (changed) { // reading one computed column may make another one read (projections over projections)
            changed = false;
            for (java.util.Iterator<Alias> it = computed.iterator(); it.hasNext(); ) {
                Alias a = it.next();
                if (uses.containsKey(a.toAttribute().exprId())) {
                    expression(a.child(), uses, nested);
                    it.remove();
                    changed = true;
                }
            }
        }
        return uses;
    }

    private static void whole(Map<Long, Use> uses, AttributeReference a) {
        uses.computeIfAbsent(a.exprId(), k -> new Use()).path(List.of(), 0);
    }

    private static void visit(LogicalPlan node, Map<Long, Use> uses, Map<LogicalPlan, Boolean> seen, boolean nested,
            List<Alias> computed) {
        if (seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Project p) {
            for (Expression e : p.projectList()) {
                if (e instanceof Alias a) {
                    computed.add(a); // counted once its column is read
                } else if (!(e instanceof AttributeReference)) {
                    expression(e, uses, nested); // a passed-through column is read as its reader reads it
                }
            }
        } else {
            for (Expression e : node.expressions()) {
                expression(e, uses, nested);
            }
        }
        if (node instanceof EventTimeWatermark w) {
            whole(uses, w.eventTime());
        } else if (!namesEveryColumnItReads(node)) {
            for (LogicalPlan child : node.children()) {
                child.output().forEach(a -> whole(uses, a));
            }
        }
        node.children().forEach(child -> visit(child, uses, seen, nested, computed));
    }

    private static void expression(Expression e, Map<Long, Use> uses, boolean nested) {
        List<Integer> path = new ArrayList<>();
        Expression at = e;
        while (at instanceof GetStructField g) {
            path.add(0, g.ordinal());
            at = g.child();
        }
        if (at instanceof AttributeReference a) {
            uses.computeIfAbsent(a.exprId(), k -> new Use()).path(nested ? path : List.of(), 0);
            return;
        }
        for (Expression child : at.children()) {
            expression(child, uses, nested);
        }
    }

    /** Node kinds whose reads of their children are all in {@code expressions()} or passed through as output. */
    private static boolean namesEveryColumnItReads(LogicalPlan node) {
        return node instanceof Project || node instanceof Filter || node instanceof Aggregate || node instanceof Join
                || node instanceof SubqueryAlias || node instanceof EventTimeWatermark;
    }
}
