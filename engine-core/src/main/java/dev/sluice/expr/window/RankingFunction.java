package dev.sluice.expr.window;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.LeafExpression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;

/** {@code row_number()}, {@code rank()}, {@code dense_rank()}: positions within an ordered partition. */
public final class RankingFunction extends LeafExpression {
    /** Which ranking. */
    public enum Kind { ROW_NUMBER, RANK, DENSE_RANK }

    private final Kind kind;

    public RankingFunction(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public DataType dataType() {
        return DataTypes.IntegerType;
    }

    /** As Spark: {@code row_number()} is never null, {@code rank()}/{@code dense_rank()} are declared nullable. */
    @Override
    public boolean nullable() {
        return kind != Kind.ROW_NUMBER;
    }

    @Override
    public String prettyName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String sql() {
        return prettyName() + "()";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw new UnsupportedOperationException(sql() + " is only valid in a window (use .over(...))");
    }
}
