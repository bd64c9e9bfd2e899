package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.UnresolvedAttribute;
import dev.sluice.expr.UnresolvedCast;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Union;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans SQL's {@code GROUPING SETS}, {@code ROLLUP} and {@code CUBE} as Spark does, an expand then one aggregation:
 * every input row is repeated once per grouping set (a union of projections of the input, each with the grouping
 * columns outside the set nulled and a constant {@code spark_grouping_id}), then grouped by the grouping columns and
 * the id. Outside aggregate functions the select list reads the grouping columns of the expanded rows (null where
 * a set leaves them out); aggregate functions read the original columns, so {@code sum(a)} in a set without
 * {@code a} still sums {@code a}. {@code grouping(c)} is bit {@code c} of the id (1 when {@code c} is left out; a
 * TINYINT), {@code grouping_id()} the id itself, first grouping column highest (a BIGINT). Batch only: Sluice's
 * streaming aggregation does not take a union of the same stream. Stateless.
 */
final class GroupingSetsPlanner {
    static final String GROUPING_ID = "spark_grouping_id";

    private GroupingSetsPlanner() {
    }

    /**
     * The aggregation of {@code child} over grouping sets {@code sets} (indexes into {@code grouping}) with the
     * select list {@code outputs} (unresolved).
     */
    static LogicalPlan aggregate(PlanBuilder builder, LogicalPlan child, List<Expression> grouping,
            List<List<Integer>> sets, List<Expression> outputs) {
        if (child.isStreaming()) {
            throw new AnalysisException("UNSUPPORTED_FEATURE.STREAMING_GROUPING_SETS", "The feature is not"
                    + " supported: rollup and cube on a streaming Dataset.", "0A000");
        }
        int n = grouping.size();
        if (n > 63) {
            throw new AnalysisException("GROUPING_SIZE_LIMIT_EXCEEDED", "Grouping sets size cannot be greater than 64.",
                    "54000");
        }
        ExpressionResolver childResolver = builder.resolver(child);
        List<Expression> resolvedGrouping = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Expression g : grouping) {
            Expression r = childResolver.resolve(g);
            resolvedGrouping.add(r instanceof Alias a ? a.child() : r);
            names.add(ExpressionResolver.autoName(r));
        }
        List<LogicalPlan> branches = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<Expression> projection = new ArrayList<>(child.output());
            long id = 0;
            for (int j = 0; j < n; j++) {
                boolean in = set.contains(j);
                Expression g = resolvedGrouping.get(j);
                projection.add(new Alias(in ? g : new Literal(null, g.dataType()), names.get(j)));
                id = (id << 1) | (in ? 0 : 1);
            }
            projection.add(new Alias(Literal.of(id), GROUPING_ID));
            branches.add(new Project(projection, child));
        }
        LogicalPlan expanded = branches.size() == 1 ? branches.get(0) : new Union(branches);
        List<AttributeReference> expandedOutput = expanded.output();
        int base = child.output().size();
        List<AttributeReference> groupingAttributes = expandedOutput.subList(base, base + n);
        AttributeReference id = expandedOutput.get(base + n);

        List<AttributeReference> resolverInput = new ArrayList<>(child.output());
        resolverInput.add(id);
        ExpressionResolver resolver = new ExpressionResolver(resolverInput, builder.context());
        List<Expression> resolvedOutputs = new ArrayList<>();
        for (Expression o : outputs) {
            Expression replaced = groupingCalls(o, childResolver, resolvedGrouping, n);
            Expression resolved = resolver.resolve(replaced);
            if (replaced != o && !(o instanceof Alias) && o instanceof UnresolvedFunction f) {
                resolved = new Alias(resolved, f.sql()); // Spark names the column grouping(a), grouping_id()
            }
            resolvedOutputs.add(toGroupingAttributes(resolved, resolvedGrouping, groupingAttributes));
        }
        List<Expression> keys = new ArrayList<>(groupingAttributes);
        keys.add(id);
        return builder.aggregateResolved(expanded, keys, resolvedOutputs);
    }

    /** Outside aggregate functions, a grouping expression becomes the expanded rows' grouping column. */
    private static Expression toGroupingAttributes(Expression e, List<Expression> grouping,
            List<AttributeReference> attributes) {
        if (e instanceof AggregateFunction) {
            return e;
        }
        for (int j = 0; j < grouping.size(); j++) {
            if (grouping.get(j).semanticEquals(e)) {
                return attributes.get(j);
            }
        }
        List<Expression> children = e.children();
        if (children.isEmpty()) {
            return e;
        }
        List<Expression> out = new ArrayList<>(children.size());
        boolean changed = false;
        for (Expression c : children) {
            Expression r = toGroupingAttributes(c, grouping, attributes);
            changed |= r != c;
            out.add(r);
        }
        return changed ? e.withNewChildren(out) : e;
    }

    /** {@code grouping(c)} and {@code grouping_id(...)} as arithmetic on the grouping id column. */
    private static Expression groupingCalls(Expression e, ExpressionResolver resolver, List<Expression> grouping,
            int n) {
        return e.transformUp(x -> {
            if (!(x instanceof UnresolvedFunction f)) {
                return x;
            }
            Expression id = new UnresolvedAttribute(List.of(GROUPING_ID));
            if (f.name().equalsIgnoreCase("grouping")) {
                dev.sluice.expr.FunctionRegistry.checkArity("grouping", f.arguments(), 1, 1);
                int j = indexOf(resolver.resolve(f.arguments().get(0)), grouping);
                if (j < 0) {
                    throw new AnalysisException("GROUPING_COLUMN_MISMATCH", "Column of grouping ("
                            + f.arguments().get(0).sql() + ") can't be found in grouping columns "
                            + String.join(",", grouping.stream().map(Expression::sql).toList()) + ".", "42803");
                }
                Expression bit = new UnresolvedFunction("%", new UnresolvedFunction("div", id,
                        Literal.of(1L << (n - 1 - j))), Literal.of(2L));
                return new UnresolvedCast(bit, DataTypes.ByteType, false);
            }
            if (f.name().equalsIgnoreCase("grouping_id")) {
                boolean matches = f.arguments().isEmpty() || f.arguments().size() == n;
                for (int i = 0; matches && i < f.arguments().size(); i++) {
                    matches = indexOf(resolver.resolve(f.arguments().get(i)), grouping) == i;
                }
                if (!matches) {
                    throw new AnalysisException("GROUPING_ID_COLUMN_MISMATCH", "Columns of grouping_id ("
                            + String.join(",", f.arguments().stream().map(Expression::sql).toList()) + ") does not"
                            + " match grouping columns (" + String.join(",", grouping.stream().map(Expression::sql)
                            .toList()) + ").", "42803");
                }
                return id;
            }
            return x;
        });
    }

    private static int indexOf(Expression column, List<Expression> grouping) {
        Expression c = column instanceof Alias a ? a.child() : column;
        for (int i = 0; i < grouping.size(); i++) {
            if (grouping.get(i).semanticEquals(c)) {
                return i;
            }
        }
        return -1;
    }
}
