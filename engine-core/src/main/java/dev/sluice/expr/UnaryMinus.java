package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;

/** {@code -x}: evaluated as {@code 0 - x} in the operand's type (so ANSI overflow is reported the same way). */
public final class UnaryMinus extends UnaryExpression {
    private final Arithmetic delegate;
    private final boolean ansi;

    public UnaryMinus(Expression child, boolean ansi) {
        super(child);
        this.ansi = ansi;
        Literal zero = new Literal(zeroOf(child.dataType()), child.dataType());
        this.delegate = new Arithmetic(Arithmetic.Op.SUBTRACT, zero, child, child.dataType(), ansi);
    }

    private static Object zeroOf(DataType type) {
        Object zero = switch (type.typeName()) {
            case "long" -> 0L;
            case "double" -> 0.0;
            case "float" -> 0.0f;
            default -> type instanceof dev.sluice.sql.types.DecimalType ? java.math.BigDecimal.ZERO : (Object) 0;
        };
        return zero;
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new UnaryMinus(newChild, ansi);
    }

    @Override
    public DataType dataType() {
        return child.dataType();
    }

    @Override
    public String sql() {
        return "(- " + child.sql() + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        return delegate.eval(input);
    }
}
