package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Objects;

/**
 * A typed operation that turns objects into other objects ({@code map}, {@code flatMap}, {@code mapPartitions};
 * Spark's {@code MapElements}/{@code MapPartitions} between a deserializer and a serializer): the
 * {@link #deserializer()} expressions (over the child's output: the encoder's columns, up-cast) give the rows
 * the {@link #function()} reads, one morsel at a time; its rows become this node's output (the output
 * encoder's schema, fresh attributes). Stateless, so it runs in streaming queries as in batch ones. Immutable.
 */
public final class MapPartitions extends UnaryNode {
    private final String name;
    private final ObjectFunction function;
    private final List<Expression> deserializer;
    private final List<AttributeReference> output;

    /**
     * @param name the operator name in plans ({@code MapElements}, {@code MapPartitions})
     * @param outputSchema the output encoder's schema
     */
    public MapPartitions(String name, ObjectFunction function, List<Expression> deserializer, StructType outputSchema,
                         LogicalPlan child) {
        super(child);
        this.name = Objects.requireNonNull(name, "name is null");
        this.function = Objects.requireNonNull(function, "function is null");
        this.deserializer = List.copyOf(deserializer);
        this.output = java.util.Arrays.stream(outputSchema.fields())
                .map(f -> AttributeReference.create(f.name(), f.dataType(), f.nullable())).toList();
    }

    public String name() {
        return name;
    }

    public ObjectFunction function() {
        return function;
    }

    public List<Expression> deserializer() {
        return deserializer;
    }

    @Override
    public List<Expression> expressions() {
        return deserializer;
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public String describe() {
        return name + " " + list(output);
    }
}
