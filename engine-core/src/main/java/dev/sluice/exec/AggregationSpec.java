package dev.sluice.exec;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.BoundReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.Accumulator;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The physical description of an aggregation, computed once from an {@link Aggregate} node: grouping key
 * evaluators and aggregate functions bound to the input, and result projections bound to the
 * intermediate layout {@code [key0.., agg0..]}. Immutable and shared by every task and batch.
 */
public final class AggregationSpec {
    private final List<Expression> groupingKeys;
    private final List<AggregateFunction> functions;
    private final List<List<Expression>> functionArguments;
    private final List<Expression> resultProjections;

    public AggregationSpec(Aggregate plan) {
        List<AttributeReference> input = plan.child().output();
        this.groupingKeys = Binder.bindAll(plan.groupingExpressions(), input);
        List<AggregateFunction> found = new ArrayList<>();
        Map<AggregateFunction, Integer> indexOf = new IdentityHashMap<>();
        List<String> seenSql = new ArrayList<>();
        for (Expression e : plan.aggregateExpressions()) {
            List<AggregateFunction> inThis = new ArrayList<>();
            e.collect(AggregateFunction.class, inThis);
            for (AggregateFunction f : inThis) {
                if (indexOf.containsKey(f)) {
                    continue;
                }
                int existing = seenSql.indexOf(f.sql() + "|" + f.getClass().getName());
                if (existing >= 0) {
                    indexOf.put(f, existing);
                } else {
                    indexOf.put(f, found.size());
                    seenSql.add(f.sql() + "|" + f.getClass().getName());
                    found.add(f);
                }
            }
        }
        this.functions = List.copyOf(found);
        List<List<Expression>> args = new ArrayList<>();
        for (AggregateFunction f : found) {
            args.add(Binder.bindAll(f.children(), input));
        }
        this.functionArguments = List.copyOf(args);
        int keyCount = plan.groupingExpressions().size();
        List<Expression> projections = new ArrayList<>();
        for (Expression e : plan.aggregateExpressions()) {
            projections.add(rewrite(e, plan.groupingExpressions(), indexOf, keyCount));
        }
        this.resultProjections = List.copyOf(projections);
    }

    private static Expression rewrite(Expression e, List<Expression> grouping, Map<AggregateFunction, Integer> aggs,
                                      int keyCount) {
        if (e instanceof AggregateFunction f) {
            return new BoundReference(keyCount + aggs.get(f), f.dataType(), f.nullable(), f.sql());
        }
        for (int k = 0; k < grouping.size(); k++) {
            Expression g = grouping.get(k);
            if (g.semanticEquals(e)) {
                return new BoundReference(k, g.dataType(), g.nullable(), g.sql());
            }
        }
        if (e instanceof AttributeReference a) {
            throw new IllegalStateException("attribute " + a.name() + " is neither grouped nor aggregated");
        }
        List<Expression> children = e.children();
        if (children.isEmpty()) {
            return e;
        }
        List<Expression> rewritten = new ArrayList<>();
        for (Expression c : children) {
            rewritten.add(rewrite(c, grouping, aggs, keyCount));
        }
        return e.withNewChildren(rewritten);
    }

    public List<Expression> groupingKeys() {
        return groupingKeys;
    }

    public List<AggregateFunction> functions() {
        return functions;
    }

    /** One fresh accumulator per aggregate function, in {@link #functions()} order. */
    public Accumulator[] createAccumulators() {
        Accumulator[] out = new Accumulator[functions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = functions.get(i).createAccumulator();
        }
        return out;
    }

    /**
     * Appends every function's buffer types to {@code valueTypes} (the layout of a state row's value) and returns
     * where each function's buffers start in it; the extra last entry is where the buffers end.
     */
    public int[] appendBufferTypes(List<DataType> valueTypes) {
        int[] offsets = new int[functions.size() + 1];
        for (int a = 0; a < functions.size(); a++) {
            offsets[a] = valueTypes.size();
            valueTypes.addAll(functions.get(a).bufferTypes());
        }
        offsets[functions.size()] = valueTypes.size();
        return offsets;
    }

    public List<List<Expression>> functionArguments() {
        return functionArguments;
    }

    public List<Expression> resultProjections() {
        return resultProjections;
    }
}
