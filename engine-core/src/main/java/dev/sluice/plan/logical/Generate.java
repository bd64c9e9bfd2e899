package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.generator.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * Produces zero or more output rows per input row from a {@link Generator} (explode, posexplode, time
 * windows): output is the input columns followed by the generated ones. With {@code outer}, a row for
 * which the generator yields nothing is kept once with NULL generated columns.
 */
public final class Generate extends UnaryNode {
    private final Generator generator;
    private final boolean outer;
    private final List<AttributeReference> generatorOutput;

    public Generate(Generator generator, boolean outer, List<AttributeReference> generatorOutput, LogicalPlan child) {
        super(child);
        this.generator = generator;
        this.outer = outer;
        this.generatorOutput = List.copyOf(generatorOutput);
    }

    public Generator generator() {
        return generator;
    }

    public boolean outer() {
        return outer;
    }

    public List<AttributeReference> generatorOutput() {
        return generatorOutput;
    }

    @Override
    public List<AttributeReference> output() {
        List<AttributeReference> out = new ArrayList<>(child.output());
        out.addAll(generatorOutput);
        return out;
    }

    @Override
    public List<Expression> expressions() {
        return List.of((Expression) generator);
    }

    @Override
    public String describe() {
        return "Generate " + ((Expression) generator).sql() + (outer ? " outer" : "") + ", " + list(generatorOutput);
    }
}
