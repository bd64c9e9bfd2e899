package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;

/**
 * A parameter marker of SQL text ({@code :name} or {@code ?}) before {@code sql(text, args)} binds it to a
 * literal. One that reaches analysis unbound fails with Spark's {@code UNBOUND_SQL_PARAMETER}. Immutable.
 */
public final class ParameterMarker extends LeafExpression {
    private final String name;
    private final int index;

    /**
     * {@code name} is the marker's name, or for a positional marker {@code _<offset in the text>} as Spark's;
     * {@code index} is a positional marker's rank among the text's {@code ?} (the argument it takes), or -1.
     */
    public ParameterMarker(String name, int index) {
        this.name = name;
        this.index = index;
    }

    /** The name Spark reports: {@code p} for {@code :p}, {@code _7} for a {@code ?} at offset 7. */
    public String name() {
        return name;
    }

    public boolean positional() {
        return index >= 0;
    }

    /** The 0-based argument a positional marker takes; -1 for a named one. */
    public int index() {
        return index;
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public DataType dataType() {
        throw unbound();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw unbound();
    }

    /** Spark's error for a marker no argument binds. */
    public dev.sluice.sql.AnalysisException unbound() {
        return new dev.sluice.sql.AnalysisException("UNBOUND_SQL_PARAMETER", "Found the unbound parameter: " + name
                + ". Please, fix `args` and provide a mapping of the parameter to either a SQL literal or collection"
                + " constructor functions such as `map()`, `array()`, `struct()`.", "42P02");
    }

    @Override
    public String sql() {
        return positional() ? "?" : ":" + name;
    }
}
