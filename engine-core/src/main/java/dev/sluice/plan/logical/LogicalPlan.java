package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of an analyzed logical plan: what to compute, not how. Immutable; built only from resolved
 * expressions (the {@code Dataset} API analyzes eagerly), so every node knows its output columns.
 */
public abstract class LogicalPlan {
    /** Direct inputs. */
    public abstract List<LogicalPlan> children();

    /** The columns this node produces, in order. */
    public abstract List<AttributeReference> output();

    /** The expressions this node evaluates (for plan printing and checks). */
    public List<Expression> expressions() {
        return List.of();
    }

    /** True when some leaf below reads an unbounded stream. */
    public boolean isStreaming() {
        for (LogicalPlan child : children()) {
            if (child.isStreaming()) {
                return true;
            }
        }
        return false;
    }

    /** The output as a schema. */
    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (AttributeReference a : output()) {
            fields.add(a.toStructField());
        }
        return new StructType(fields);
    }

    /** One line describing this node, e.g. {@code Filter (a > 1)}. */
    public abstract String describe();

    /** The indented plan tree, Spark's {@code explain()} style. */
    public final String treeString() {
        return dev.sluice.plan.TreeText.render(this, LogicalPlan::describe, LogicalPlan::children);
    }

    protected static String list(List<? extends Expression> expressions) {
        List<String> parts = new ArrayList<>();
        for (Expression e : expressions) {
            parts.add(e instanceof AttributeReference a ? a.name() + "#" + a.exprId() : e.sql());
        }
        return "[" + String.join(", ", parts) + "]";
    }

    @Override
    public String toString() {
        return treeString();
    }
}
