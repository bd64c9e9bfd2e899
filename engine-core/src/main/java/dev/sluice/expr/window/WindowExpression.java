package dev.sluice.expr.window;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code function OVER (PARTITION BY ... ORDER BY ... frame)}: an aggregate or ranking function evaluated
 * over a window of rows by the Window operator. Children: the function, then partition expressions, then
 * sort orders. {@code frame} null means the default frame for the ORDER BY (resolved by the analyzer).
 */
public final class WindowExpression extends Expression {
    private final Expression function;
    private final List<Expression> partitionSpec;
    private final List<SortOrder> orderSpec;
    private final WindowFrame frame;

    public WindowExpression(Expression function, List<Expression> partitionSpec, List<SortOrder> orderSpec,
                            WindowFrame frame) {
        this.function = function;
        this.partitionSpec = List.copyOf(partitionSpec);
        this.orderSpec = List.copyOf(orderSpec);
        this.frame = frame;
    }

    public Expression function() {
        return function;
    }

    public List<Expression> partitionSpec() {
        return partitionSpec;
    }

    public List<SortOrder> orderSpec() {
        return orderSpec;
    }

    /** The frame, or null before the analyzer picked the default. */
    public WindowFrame frame() {
        return frame;
    }

    public WindowExpression withFrame(WindowFrame newFrame) {
        return new WindowExpression(function, partitionSpec, orderSpec, newFrame);
    }

    @Override
    public List<Expression> children() {
        List<Expression> all = new ArrayList<>();
        all.add(function);
        all.addAll(partitionSpec);
        all.addAll(orderSpec);
        return all;
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
        int p = partitionSpec.size();
        List<SortOrder> orders = new ArrayList<>();
        for (Expression e : c.subList(1 + p, c.size())) {
            orders.add((SortOrder) e);
        }
        return new WindowExpression(c.get(0), c.subList(1, 1 + p), orders, frame);
    }

    @Override
    public DataType dataType() {
        return function.dataType();
    }

    @Override
    public boolean nullable() {
        return function.nullable();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw new UnsupportedOperationException("window expression " + sql() + " must be planned as a Window node");
    }

    @Override
    public String sql() {
        StringBuilder sb = new StringBuilder(function.sql()).append(" OVER (");
        List<String> parts = new ArrayList<>();
        if (!partitionSpec.isEmpty()) {
            parts.add("PARTITION BY " + String.join(", ", partitionSpec.stream().map(Expression::sql).toList()));
        }
        if (!orderSpec.isEmpty()) {
            parts.add("ORDER BY " + String.join(", ", orderSpec.stream().map(Expression::sql).toList()));
        }
        if (frame != null) {
            parts.add(frame.sql());
        }
        return sb.append(String.join(" ", parts)).append(')').toString();
    }
}
