package dev.sluice.analysis;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Comparison;
import dev.sluice.expr.Expression;
import dev.sluice.expr.In;
import dev.sluice.expr.IsNull;
import dev.sluice.expr.Literal;
import dev.sluice.expr.Logical;
import dev.sluice.expr.Not;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.ScanRelation;
import dev.sluice.sql.sources.And;
import dev.sluice.sql.sources.EqualNullSafe;
import dev.sluice.sql.sources.EqualTo;
import dev.sluice.sql.sources.GreaterThan;
import dev.sluice.sql.sources.GreaterThanOrEqual;
import dev.sluice.sql.sources.IsNotNull;
import dev.sluice.sql.sources.LessThan;
import dev.sluice.sql.sources.LessThanOrEqual;
import dev.sluice.sql.sources.Or;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands the parts of a query filter that the public filter model can express ({@link dev.sluice.sql.sources.Filter})
 * to a connector's scan that takes filters, through {@link ScanRelation#pushFilters} (Spark's
 * {@code DataSourceStrategy.translateFilter} and filter pushdown). Runs when a {@code filter}/{@code where} is added to a Dataset, so
 * {@code explain()} shows what the scan took. The engine keeps its whole filter above the scan.
 *
 * <p>Translation keeps the superset rule: a top-level conjunct is translated as a whole or dropped; inside
 * {@code AND}/{@code OR} an untranslatable side of an {@code AND} may be dropped (widening it) except under a
 * {@code NOT}, where only exact translations are negated. Stateless.
 */
public final class ScanPushdown {
    private ScanPushdown() {
    }

    /**
     * {@code plan} with {@code condition} pushed into its scan when {@code plan} is a scan relation whose scan
     * takes filters, or a {@link Filter} over such a plan; otherwise {@code plan} itself. Callers keep their
     * {@code Filter(condition)} node above the result.
     */
    public static LogicalPlan pushFilter(LogicalPlan plan, Expression condition) {
        if (plan instanceof Filter f) {
            LogicalPlan child = pushFilter(f.child(), condition);
            return child == f.child() ? plan : new Filter(f.condition(), child);
        }
        if (plan instanceof ScanRelation s) {
            return s.pushFilters(translate(condition, s.output()));
        }
        return plan;
    }

    /** The translatable top-level conjuncts of {@code condition} over the columns {@code columns}. */
    public static List<dev.sluice.sql.sources.Filter> translate(Expression condition, List<AttributeReference> columns) {
        Map<Long, String> names = new HashMap<>();
        for (AttributeReference a : columns) {
            names.put(a.exprId(), a.name());
        }
        List<Expression> conjuncts = new ArrayList<>();
        splitConjuncts(condition, conjuncts);
        List<dev.sluice.sql.sources.Filter> filters = new ArrayList<>();
        for (Expression conjunct : conjuncts) {
            dev.sluice.sql.sources.Filter f = new Translation(names).translate(conjunct, true);
            if (f != null) {
                filters.add(f);
            }
        }
        return filters;
    }

    private static void splitConjuncts(Expression e, List<Expression> out) {
        if (e instanceof Logical l && l.isAnd()) {
            splitConjuncts(l.left(), out);
            splitConjuncts(l.right(), out);
        } else {
            out.add(e);
        }
    }

    private record Translation(Map<Long, String> names) {
        /** The filter for {@code e}, or null; {@code mayWiden}: a superset of {@code e}'s rows is acceptable. */
        dev.sluice.sql.sources.Filter translate(Expression e, boolean mayWiden) {
            if (e instanceof Comparison c) {
                return comparison(c);
            }
            if (e instanceof IsNull n && column(n.child()) != null) {
                return n.negated() ? new IsNotNull(column(n.child())) : new dev.sluice.sql.sources.IsNull(column(n.child()));
            }
            if (e instanceof In in) {
                return in(in);
            }
            if (e instanceof Logical l) {
                dev.sluice.sql.sources.Filter left = translate(l.left(), mayWiden);
                dev.sluice.sql.sources.Filter right = translate(l.right(), mayWiden);
                if (left != null && right != null) {
                    return l.isAnd() ? new And(left, right) : new Or(left, right);
                }
                // dropping one side of an AND widens it: allowed only where a superset is
                return l.isAnd() && mayWiden ? (left != null ? left : right) : null;
            }
            if (e instanceof Not n) {
                dev.sluice.sql.sources.Filter child = translate(n.child(), false);
                return child == null ? null : new dev.sluice.sql.sources.Not(child);
            }
            return null;
        }

        private dev.sluice.sql.sources.Filter comparison(Comparison c) {
            boolean columnLeft = column(c.left()) != null && isConstant(c.right());
            boolean columnRight = column(c.right()) != null && isConstant(c.left());
            if (!columnLeft && !columnRight || !c.left().dataType().equals(c.right().dataType())) {
                return null;
            }
            String name = column(columnLeft ? c.left() : c.right());
            Object value = value(columnLeft ? c.right() : c.left());
            return switch (c.op()) {
                case EQUAL -> new EqualTo(name, value);
                case NULL_SAFE_EQUAL -> new EqualNullSafe(name, value);
                case NOT_EQUAL -> new dev.sluice.sql.sources.Not(new EqualTo(name, value));
                case LESS_THAN -> columnLeft ? new LessThan(name, value) : new GreaterThan(name, value);
                case LESS_THAN_OR_EQUAL -> columnLeft ? new LessThanOrEqual(name, value) : new GreaterThanOrEqual(name, value);
                case GREATER_THAN -> columnLeft ? new GreaterThan(name, value) : new LessThan(name, value);
                case GREATER_THAN_OR_EQUAL -> columnLeft ? new GreaterThanOrEqual(name, value) : new LessThanOrEqual(name, value);
            };
        }

        private dev.sluice.sql.sources.Filter in(In in) {
            List<Expression> children = in.children();
            String name = column(children.get(0));
            if (name == null || children.size() < 2) {
                return null;
            }
            Object[] values = new Object[children.size() - 1];
            for (int i = 1; i < children.size(); i++) {
                Expression item = children.get(i);
                if (!isConstant(item) || !item.dataType().equals(children.get(0).dataType())) {
                    return null;
                }
                values[i - 1] = value(item);
            }
            return new dev.sluice.sql.sources.In(name, values);
        }

        private String column(Expression e) {
            return e instanceof AttributeReference a ? names.get(a.exprId()) : null;
        }

        private static boolean isConstant(Expression e) {
            return (e.foldable() || e instanceof Literal) && e.deterministic();
        }

        /** The constant's value in the external form a Row uses for its type. */
        private static Object value(Expression constant) {
            return JavaValues.toExternal(constant.eval(new Chunk(1)).getObject(0), constant.dataType());
        }
    }
}
