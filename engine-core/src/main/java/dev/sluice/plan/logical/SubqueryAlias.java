package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import java.util.ArrayList;
import java.util.List;

/** Names a relation ({@code df.alias("t")}) so that its columns can be referenced as {@code t.col}. */
public final class SubqueryAlias extends UnaryNode {
    private final String alias;

    public SubqueryAlias(String alias, LogicalPlan child) {
        super(child);
        this.alias = alias;
    }

    public String alias() {
        return alias;
    }

    @Override
    public List<AttributeReference> output() {
        List<AttributeReference> out = new ArrayList<>();
        for (AttributeReference a : child.output()) {
            out.add(a.withQualifier(List.of(alias)));
        }
        return out;
    }

    @Override
    public String describe() {
        return "SubqueryAlias " + alias;
    }
}
