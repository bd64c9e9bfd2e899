package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.util.Objects;

/**
 * {@code CAST(child AS type)} and {@code TRY_CAST}, with Spark 4.1 semantics.
 *
 * <ul>
 *   <li>numeric to numeric: integral overflow raises {@code CAST_OVERFLOW} in ANSI mode (wraps like Java
 *       otherwise); fractions are truncated toward zero; decimals round HALF_UP to the target scale and raise
 *       {@code NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION} when the precision is exceeded;</li>
 *   <li>string to number, boolean, date or timestamp: malformed text raises {@code CAST_INVALID_INPUT}
 *       (SQLSTATE 22018) in ANSI mode; string to binary is the UTF-8 encoding;</li>
 *   <li>anything to string: {@link ValueRendering} text, timestamps in the session time zone;</li>
 *   <li>timestamp to and from numbers counts seconds; date to timestamp is midnight in the session zone and
 *       timestamp to date the local date there;</li>
 *   <li>struct to struct field by position, array element-wise, map key- and value-wise.</li>
 * </ul>
 * With {@code tryCast} (or ANSI off) failures give null instead of an error. Unsupported pairs
 * ({@link #canCast} false) are rejected by the constructor with {@code DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION}.
 * Immutable and thread-safe: the conversion strategy is chosen once in the constructor.
 */
public final class Cast extends UnaryExpression {
    private final DataType targetType;
    private final FunctionContext context;
    private final boolean tryCast;
    private final boolean implicit;
    private final CastConversions.VectorConverter converter;

    /** A cast that follows the session's ANSI setting. */
    public Cast(Expression child, DataType targetType, FunctionContext context) {
        this(child, targetType, context, false);
    }

    /**
     * A cast of a resolved child.
     *
     * @param tryCast true for {@code try_cast}: failures give null even in ANSI mode
     * @throws AnalysisException when the child's type cannot be cast to {@code targetType}
     */
    public Cast(Expression child, DataType targetType, FunctionContext context, boolean tryCast) {
        this(child, targetType, context, tryCast, false);
    }

    private Cast(Expression child, DataType targetType, FunctionContext context, boolean tryCast, boolean implicit) {
        super(child);
        this.implicit = implicit;
        this.targetType = Objects.requireNonNull(targetType, "targetType is null");
        this.context = Objects.requireNonNull(context, "context is null");
        this.tryCast = tryCast;
        DataType from = child.dataType();
        if (!canCast(from, targetType)) {
            throw new AnalysisException("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "Cannot resolve \""
                    + (tryCast ? "TRY_CAST(" : "CAST(") + child.sql() + " AS " + targetType.sql() + ")"
                    + "\" due to data type mismatch: cannot cast " + ExecutionErrors.quoteType(from) + " to "
                    + ExecutionErrors.quoteType(targetType) + ".", "42K09");
        }
        CastConversions.Mode mode = tryCast ? CastConversions.Mode.TRY
                : context.ansiEnabled() ? CastConversions.Mode.ANSI : CastConversions.Mode.LEGACY;
        this.converter = CastConversions.converter(from, targetType, mode, context.sessionTimeZone());
    }

    /**
     * {@code e} itself when it already has type {@code to}, otherwise an implicit {@code CAST(e AS to)}: a
     * cast inserted by type coercion rather than written by the user. As in Spark, an implicit cast does
     * not show in generated column names: its {@link #sql()} is the child's.
     *
     * @throws AnalysisException when the types cannot be cast
     */
    public static Expression castIfNeeded(Expression e, DataType to, FunctionContext context) {
        if (e.dataType().equals(to)) {
            return e;
        }
        Cast cast = new Cast(e, to, context, false, true);
        if (e instanceof Literal && !CastNullability.forceNullable(e.dataType(), to)) {
            // Constant folding: convert the literal once instead of once per row. A cast that fails is kept,
            // so the error surfaces at run time, as Spark's optimizer does. A cast that Spark's analyzer types
            // as nullable (a string literal to a number) is kept too: folding it would change the schema.
            try {
                return new Literal(cast.eval(new dev.sluice.batch.Chunk(1)).getObject(0), to);
            } catch (RuntimeException keptForRunTime) {
                return cast;
            }
        }
        return cast;
    }

    /**
     * Spark's {@code Cast.canUpCast}: whether {@code from} casts to {@code to} without truncating, losing precision
     * or failing at run time (what an encoder may apply when it reads a column into a field of another type).
     */
    public static boolean canUpCast(DataType from, DataType to) {
        return CastNullability.canUpCast(from, to);
    }

    /** Whether Spark (ANSI mode) allows casting values of {@code from} to {@code to}. */
    public static boolean canCast(DataType from, DataType to) {
        if (from.equals(to) || from instanceof NullType || to instanceof StringType) {
            return true;
        }
        if (from instanceof StringType) {
            return isNumberLike(to) || to instanceof DateType || to instanceof TimestampType
                    || to instanceof BinaryType || CastTemporal.isNtzOrAnsiInterval(to);
        }
        if (CastTemporal.canCast(from, to)) {
            return true;
        }
        if (from.isNumeric()) {
            return isNumberLike(to) || to instanceof TimestampType;
        }
        if (from instanceof BooleanType) {
            return isNumberLike(to);
        }
        if (from instanceof TimestampType) {
            return to.isNumeric() || to instanceof DateType;
        }
        if (from instanceof DateType) {
            return to instanceof TimestampType;
        }
        if (from instanceof StructType source && to instanceof StructType target) {
            if (source.length() != target.length()) {
                return false;
            }
            for (int i = 0; i < source.length(); i++) {
                if (!canCast(source.apply(i).dataType(), target.apply(i).dataType())) {
                    return false;
                }
            }
            return true;
        }
        if (from instanceof ArrayType source && to instanceof ArrayType target) {
            return canCast(source.elementType(), target.elementType());
        }
        if (from instanceof MapType source && to instanceof MapType target) {
            return canCast(source.keyType(), target.keyType()) && canCast(source.valueType(), target.valueType());
        }
        return false;
    }

    private static boolean isNumberLike(DataType type) {
        return type.isNumeric() || type instanceof BooleanType;
    }

    public DataType targetType() {
        return targetType;
    }

    public boolean isTryCast() {
        return tryCast;
    }

    public FunctionContext context() {
        return context;
    }

    /** True for casts inserted by type coercion ({@link #castIfNeeded}), false for user-written ones. */
    public boolean isImplicit() {
        return implicit;
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new Cast(newChild, targetType, context, tryCast, implicit);
    }

    @Override
    public DataType dataType() {
        return targetType;
    }

    @Override
    public boolean nullable() {
        return CastNullability.nullable(child.nullable(), child.dataType(), targetType, tryCast);
    }

    @Override
    public ColumnVector eval(Chunk input) {
        return converter.convert(child.eval(input));
    }

    @Override
    public String prettyName() {
        return tryCast ? "try_cast" : "cast";
    }

    @Override
    public String sql() {
        if (implicit) {
            return child.sql();
        }
        return (tryCast ? "TRY_CAST(" : "CAST(") + child.sql() + " AS " + targetType.sql() + ")";
    }
}
