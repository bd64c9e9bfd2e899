package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.UnresolvedAttribute;
import dev.sluice.expr.GroupingBit;
import dev.sluice.expr.NamedExpression;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Expand;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.Metadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans SQL's {@code GROUPING SETS}, {@code ROLLUP} and {@code CUBE} and the Dataset API's {@code rollup}/{@code cube}
 * as Spark does, an {@link Expand} then one aggregation: every input row is repeated once per grouping set, with
 * the grouping columns outside the set nulled and a constant {@code spark_grouping_id}, then grouped by the
 * grouping columns and the id. Outside aggregate functions the select list reads the grouping columns of the expanded rows (null where
 * a set leaves them out); aggregate functions read the original columns, so {@code sum(a)} in a set without
 * {@code a} still sums {@code a}. {@code grouping(c)} is bit {@code c} of the id (1 when {@code c} is left out; a
 * TINYINT, never null), {@code grouping_id()} the id itself, first grouping column highest (a BIGINT, never null).
 * Expand is stateless, so streams take it as batches do. Stateless.
 */
public final class GroupingSetsPlanner {
    static final String GROUPING_ID = "spark_grouping_id";

    private GroupingSetsPlanner() {
    }

    /**
     * The aggregation of {@code child} over grouping sets {@code sets} (indexes into {@code grouping}) with the
     * select list {@code outputs} (unresolved).
     */
    public static LogicalPlan aggregate(PlanBuilder builder, LogicalPlan child, List<Expression> grouping,
            List<List<Integer>> sets, List<Expression> outputs) {
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
        // Spark's Expand: the child's columns, then each grouping column (nullable, with its metadata), then the id.
        List<AttributeReference> expandedOutput = new ArrayList<>(child.output());
        for (int j = 0; j < n; j++) {
            Expression g = resolvedGrouping.get(j);
            Metadata metadata = g instanceof NamedExpression named ? named.metadata() : Metadata.empty();
            expandedOutput.add(new AttributeReference(names.get(j), g.dataType(), true,
                    AttributeReference.newExprId(), List.of(), metadata));
        }
        AttributeReference id = AttributeReference.create(GROUPING_ID, dev.sluice.sql.types.DataTypes.LongType, false);
        expandedOutput.add(id);
        List<List<Expression>> projections = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<Expression> projection = new ArrayList<>(child.output());
            long setId = 0;
            for (int j = 0; j < n; j++) {
                boolean in = set.contains(j);
                Expression g = resolvedGrouping.get(j);
                projection.add(in ? g : new Literal(null, g.dataType()));
                setId = (setId << 1) | (in ? 0 : 1);
            }
            projection.add(Literal.of(setId));
            projections.add(projection);
        }
        LogicalPlan expanded = new Expand(projections, expandedOutput, child);
        int base = child.output().size();
        List<AttributeReference> groupingAttributes = expandedOutput.subList(base, base + n);

        List<AttributeReference> resolverInput = new ArrayList<>(child.output());
        resolverInput.add(id);
        ExpressionResolver resolver = new ExpressionResolver(resolverInput, builder.context());
        List<Expression> resolvedOutputs = new ArrayList<>();
        for (Expression o : outputs) {
            Expression replaced = groupingCalls(o, childResolver, resolvedGrouping, n);
            Expression resolved = resolver.resolve(replaced);
            Expression call = o instanceof dev.sluice.expr.UnresolvedAlias u ? u.child() : o;
            if (replaced != o && call instanceof UnresolvedFunction f) {
                // Spark names the column grouping(a), grouping_id(), an alias it generated
                Expression inner = resolved instanceof Alias a ? a.child() : resolved;
                resolved = new Alias(inner, f.sql(), AttributeReference.newExprId(),
                        call == o ? null : dev.sluice.expr.UnresolvedAlias.AUTO_GENERATED);
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
                return new GroupingBit(id, n - 1 - j, f.arguments().get(0).sql());
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
