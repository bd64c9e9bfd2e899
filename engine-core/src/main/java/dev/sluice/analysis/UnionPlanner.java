package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.TypeCoercion;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Union;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyzer's unions (behind {@link PlanBuilder#union} and {@link PlanBuilder#unionByName}): by position with
 * the columns cast to their common type, or by name (Spark's {@code ResolveUnion}, with missing columns as NULLs when
 * allowed). Immutable; one per call.
 */
final class UnionPlanner {
    private final FunctionContext context;

    UnionPlanner(FunctionContext context) {
        this.context = context;
    }

    /** UNION ALL by position, casting columns to their common type. */
    LogicalPlan union(LogicalPlan left, LogicalPlan right) {
        List<AttributeReference> l = left.output();
        List<AttributeReference> r = right.output();
        if (l.size() != r.size()) {
            throw new AnalysisException("NUM_COLUMNS_MISMATCH", "UNION can only be performed on inputs with the same"
                    + " number of columns, but the first input has " + l.size() + " columns and the second input"
                    + " has " + r.size() + " columns.", "42826");
        }
        List<DataType> common = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            int column = i;
            common.add(TypeCoercion.widerTypeForValues(List.of(l.get(i).dataType(), r.get(i).dataType()))
                    .orElseThrow(() -> new AnalysisException("INCOMPATIBLE_COLUMN_TYPE", "UNION can only be"
                            + " performed on inputs with compatible column types. The column " + (column + 1)
                            + " of the second input is \"" + r.get(column).dataType().sql() + "\" and not compatible"
                            + " with \"" + l.get(column).dataType().sql() + "\".", "42825")));
        }
        return new Union(List.of(castTo(left, common), castTo(right, common)));
    }

    private LogicalPlan castTo(LogicalPlan plan, List<DataType> types) {
        List<AttributeReference> output = plan.output();
        boolean same = true;
        for (int i = 0; i < types.size(); i++) {
            same &= output.get(i).dataType().equals(types.get(i));
        }
        if (same) {
            return plan;
        }
        List<Expression> projections = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            AttributeReference a = output.get(i);
            projections.add(a.dataType().equals(types.get(i)) ? a
                    : new Alias(Cast.castIfNeeded(a, types.get(i), context), a.name()));
        }
        return new Project(projections, plan);
    }

    /** UNION ALL matching columns by name. */
    LogicalPlan unionByName(LogicalPlan left, LogicalPlan right) {
        ExpressionResolver rightResolver = new ExpressionResolver(right.output(), context);
        List<Expression> reordered = new ArrayList<>();
        for (AttributeReference a : left.output()) {
            reordered.add(rightResolver.resolveName(List.of(a.name())));
        }
        if (right.output().size() != left.output().size()) {
            throw new AnalysisException("NUM_COLUMNS_MISMATCH", "UNION can only be performed on inputs with the same"
                    + " number of columns, but the first input has " + left.output().size() + " columns and the"
                    + " second input has " + right.output().size() + " columns.", "42826");
        }
        return union(left, new Project(reordered.stream().map(ExpressionResolver::named).toList(), right));
    }

    /**
     * {@code unionByName(other, allowMissingColumns)}: with {@code allowMissingColumns}, as Spark's
     * {@code ResolveUnion}, a column of one side missing in the other becomes a NULL column of its type there; the
     * result has the left's columns, then the right's other columns in the right's order. Names match
     * case-insensitively. Struct columns are matched whole (Spark also merges missing nested fields).
     */
    LogicalPlan unionByName(LogicalPlan left, LogicalPlan right, boolean allowMissingColumns) {
        if (!allowMissingColumns) {
            return unionByName(left, right);
        }
        List<Expression> leftColumns = new ArrayList<>(left.output());
        for (AttributeReference r : right.output()) {
            if (named(left.output(), r.name()) == null) {
                leftColumns.add(new dev.sluice.expr.Alias(new dev.sluice.expr.Literal(null, r.dataType()), r.name()));
            }
        }
        LogicalPlan widened = leftColumns.size() == left.output().size() ? left
                : new Project(leftColumns.stream().map(ExpressionResolver::named).toList(), left);
        List<Expression> rightColumns = new ArrayList<>();
        for (AttributeReference l : widened.output()) {
            AttributeReference match = named(right.output(), l.name());
            rightColumns.add(match != null ? match
                    : new dev.sluice.expr.Alias(new dev.sluice.expr.Literal(null, l.dataType()), l.name()));
        }
        return union(widened, new Project(rightColumns.stream().map(ExpressionResolver::named).toList(), right));
    }

    /** The column of {@code columns} named {@code name} (case-insensitively), or null. */
    private static AttributeReference named(List<AttributeReference> columns, String name) {
        for (AttributeReference c : columns) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}
