package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * A call of a {@link UserFunction} (Spark's {@code ScalaUDF}): evaluates its arguments as vectors, then calls
 * the function once per row through an invoker bound once to the argument types (no per-row lookup or
 * re-binding). A failure of the function is {@code FAILED_EXECUTE_UDF} with the function's exception as cause.
 * Never foldable: user code runs when the query runs, not at analysis. Immutable.
 */
public final class UserFunctionCall extends Expression {
    private final UserFunction function;
    private final List<Expression> arguments;
    private final UserFunction.Invoker invoker;

    public UserFunctionCall(UserFunction function, List<Expression> arguments) {
        this.function = function;
        this.arguments = List.copyOf(arguments);
        this.invoker = resolved() ? function.bind(arguments.stream().map(Expression::dataType).toList()) : null;
    }

    public UserFunction function() {
        return function;
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new UserFunctionCall(function, newChildren);
    }

    @Override
    public DataType dataType() {
        return function.returnType();
    }

    @Override
    public boolean nullable() {
        return function.nullable();
    }

    @Override
    public boolean deterministic() {
        return function.deterministic() && super.deterministic();
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public String prettyName() {
        return function.name();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        List<ColumnVector> values = new ArrayList<>(arguments.size());
        for (Expression argument : arguments) {
            values.add(argument.eval(input));
        }
        ColumnVector out = ColumnVector.allocate(dataType(), rows);
        Object[] row = new Object[values.size()];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < row.length; i++) {
                ColumnVector v = values.get(i);
                row[i] = v.isNull(r) ? null : v.getObject(r);
            }
            Object result;
            try {
                result = invoker.invoke(row);
            } catch (Exception e) {
                throw failure(e);
            }
            out.appendObject(result);
        }
        return out;
    }

    private SluiceException failure(Exception e) {
        List<String> types = new ArrayList<>();
        for (Expression argument : arguments) {
            types.add(argument.dataType().simpleString());
        }
        return new SluiceException("FAILED_EXECUTE_UDF", "User defined function (`" + function.name() + "`: ("
                + String.join(", ", types) + ") => " + dataType().simpleString() + ") failed due to: " + e + ".",
                "39000", e);
    }
}
