package dev.sluice.expr;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.CalendarIntervalType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builders for SQL operators (arithmetic, comparison, logic, predicates, CASE) with Spark's implicit
 * casts. Registered under their symbols in the {@link FunctionRegistry}.
 */
public final class Operators {
    private Operators() {
    }

    static void registerAll(FunctionRegistry r) {
        r.register("+", 2, 2, (a, c) -> plusOrTimeAdd(a.get(0), a.get(1), c));
        r.register("-", 2, 2, (a, c) -> minus(a.get(0), a.get(1), c));
        r.register("*", 2, 2, (a, c) -> arithmetic(Arithmetic.Op.MULTIPLY, a.get(0), a.get(1), c));
        r.register("/", 2, 2, (a, c) -> arithmetic(Arithmetic.Op.DIVIDE, a.get(0), a.get(1), c));
        r.register("%", 2, 2, (a, c) -> arithmetic(Arithmetic.Op.REMAINDER, a.get(0), a.get(1), c));
        r.register("mod", 2, 2, (a, c) -> arithmetic(Arithmetic.Op.REMAINDER, a.get(0), a.get(1), c));
        r.register("div", 2, 2, (a, c) -> arithmetic(Arithmetic.Op.INTEGRAL_DIVIDE, a.get(0), a.get(1), c));
        for (Comparison.Op op : Comparison.Op.values()) {
            r.register(op.symbol(), 2, 2, (a, c) -> comparison(op, a.get(0), a.get(1), c));
        }
        r.register("==", 2, 2, (a, c) -> comparison(Comparison.Op.EQUAL, a.get(0), a.get(1), c));
        r.register("<>", 2, 2, (a, c) -> comparison(Comparison.Op.NOT_EQUAL, a.get(0), a.get(1), c));
        r.register("and", 2, 2, (a, c) -> new Logical(true, bool(a.get(0), "AND", 0, c), bool(a.get(1), "AND", 1, c)));
        r.register("or", 2, 2, (a, c) -> new Logical(false, bool(a.get(0), "OR", 0, c), bool(a.get(1), "OR", 1, c)));
        r.register("not", 1, 1, (a, c) -> new Not(bool(a.get(0), "NOT", 0, c)));
        r.register("isnull", 1, 1, (a, c) -> new IsNull(a.get(0), false));
        r.register("isnotnull", 1, 1, (a, c) -> new IsNull(a.get(0), true));
        r.register("in", Operators::in);
        r.register("casewhen", 2, Integer.MAX_VALUE, Operators::caseWhen);
        r.register("if", (a, c) -> {
            FunctionRegistry.checkArity("if", a, 3, 3);
            return caseWhen(List.of(a.get(0), a.get(1), a.get(2)), c);
        });
        r.register("between", 3, 3, (a, c) -> new Logical(true, comparison(Comparison.Op.GREATER_THAN_OR_EQUAL, a.get(0), a.get(1), c),
                comparison(Comparison.Op.LESS_THAN_OR_EQUAL, a.get(0), a.get(2), c)));
        r.register("negative", 1, 1, (a, c) -> negate(a.get(0), c));
        r.register("positive", 1, 1, (a, c) -> a.get(0));
        r.register("like", (a, c) -> like(Like.Kind.LIKE, a, c));
        r.register("ilike", (a, c) -> like(Like.Kind.ILIKE, a, c));
        r.register("rlike", (a, c) -> like(Like.Kind.RLIKE, a, c));
        r.register("regexp", (a, c) -> like(Like.Kind.RLIKE, a, c));
    }

    private static Expression like(Like.Kind kind, List<Expression> args, FunctionContext c) {
        FunctionRegistry.checkArity(kind.name().toLowerCase(java.util.Locale.ROOT), args, 2, 3);
        char escape = args.size() == 3 ? ((String) ((Literal) args.get(2)).value()).charAt(0) : '\\';
        for (int i = 0; i < 2; i++) {
            DataType type = args.get(i).dataType();
            // Spark casts atomic values to STRING implicitly, never arrays, maps or structs.
            if (type instanceof dev.sluice.sql.types.ArrayType || type instanceof dev.sluice.sql.types.MapType
                    || type instanceof dev.sluice.sql.types.StructType) {
                throw FunctionRegistry.unexpectedType(args.get(0).sql() + " " + kind.name() + " " + args.get(1).sql(),
                        i, "\"STRING\"", args.get(i));
            }
        }
        return new Like(kind, Cast.castIfNeeded(args.get(0), DataTypes.StringType, c),
                Cast.castIfNeeded(args.get(1), DataTypes.StringType, c), escape);
    }

    private static Expression bool(Expression e, String op, int index, FunctionContext c) {
        if (e.dataType() instanceof BooleanType) {
            return e;
        }
        if (e.dataType() instanceof NullType) {
            return Cast.castIfNeeded(e, DataTypes.BooleanType, c);
        }
        throw FunctionRegistry.unexpectedType(op, index, "\"BOOLEAN\"", e);
    }

    private static Expression negate(Expression e, FunctionContext c) {
        Expression operand = Cast.castIfNeeded(e, TypeCoercion.arithmeticOperandType(e.dataType()), c);
        if (!TypeCoercion.isNumeric(operand.dataType())) {
            throw FunctionRegistry.unexpectedType("-", 0, "NUMERIC", e);
        }
        return new UnaryMinus(operand, c.ansiEnabled());
    }

    private static boolean isTimeLike(DataType t) {
        return t instanceof TimestampType || t instanceof DateType;
    }

    private static boolean isAnsiInterval(DataType t) {
        return t instanceof dev.sluice.sql.types.DayTimeIntervalType
                || t instanceof dev.sluice.sql.types.YearMonthIntervalType;
    }

    /**
     * Spark's resolution of a datetime plus or minus an ANSI interval; null when the operands are not that. A date
     * with a day-time interval becomes a timestamp first, as Spark's {@code TimeAdd(Cast(date))}; a date plus
     * {@code INTERVAL DAY} stays a date ({@code DateAdd}).
     */
    private static Expression ansiTimeAdd(Expression time, Expression interval, boolean subtract, FunctionContext c) {
        DataType t = time.dataType();
        DataType i = interval.dataType();
        if (!isAnsiInterval(i) || !(isTimeLike(t) || t instanceof dev.sluice.sql.types.TimestampNTZType)) {
            return null;
        }
        if (t instanceof DateType && i instanceof dev.sluice.sql.types.DayTimeIntervalType dt
                && !(dt.startField() == 0 && dt.endField() == 0)) {
            time = Cast.castIfNeeded(time, DataTypes.TimestampType, c);
        }
        return new AnsiTimeAdd(time, interval, subtract, c.sessionTimeZone());
    }

    private static Expression plusOrTimeAdd(Expression l, Expression r, FunctionContext c) {
        Expression ansi = ansiTimeAdd(l, r, false, c);
        if (ansi == null) {
            ansi = ansiTimeAdd(r, l, false, c);
        }
        if (ansi != null) {
            return ansi;
        }
        if (isTimeLike(l.dataType()) && r.dataType() instanceof CalendarIntervalType) {
            return new TimeAdd(Cast.castIfNeeded(l, DataTypes.TimestampType, c), r, c.sessionTimeZone());
        }
        if (l.dataType() instanceof CalendarIntervalType && isTimeLike(r.dataType())) {
            return new TimeAdd(Cast.castIfNeeded(r, DataTypes.TimestampType, c), l, c.sessionTimeZone());
        }
        return arithmetic(Arithmetic.Op.ADD, l, r, c);
    }

    private static Expression minus(Expression l, Expression r, FunctionContext c) {
        Expression ansi = ansiTimeAdd(l, r, true, c);
        if (ansi != null) {
            return ansi;
        }
        if (isTimeLike(l.dataType()) && r.dataType() instanceof CalendarIntervalType
                && r instanceof Literal lit && lit.value() instanceof CalendarInterval iv) {
            CalendarInterval negated = new CalendarInterval(-iv.months(), -iv.days(), -iv.microseconds());
            return new TimeAdd(Cast.castIfNeeded(l, DataTypes.TimestampType, c),
                    new Literal(negated, DataTypes.CalendarIntervalType), c.sessionTimeZone());
        }
        return arithmetic(Arithmetic.Op.SUBTRACT, l, r, c);
    }

    /** Builds {@code l op r} with Spark's operand casts and result type. */
    public static Expression arithmetic(Arithmetic.Op op, Expression l, Expression r, FunctionContext c) {
        DataType lt = TypeCoercion.arithmeticOperandType(l.dataType());
        DataType rt = TypeCoercion.arithmeticOperandType(r.dataType());
        if (lt instanceof NullType) {
            lt = rt instanceof NullType ? (op == Arithmetic.Op.DIVIDE ? DataTypes.DoubleType : DataTypes.IntegerType) : rt;
        }
        if (rt instanceof NullType) {
            rt = lt;
        }
        if (!TypeCoercion.isNumeric(lt) || !TypeCoercion.isNumeric(rt)) {
            throw binaryOpDiffTypes(op.symbol(), l, r);
        }
        boolean anyFloating = lt instanceof DoubleType || rt instanceof DoubleType || lt instanceof FloatType
                || rt instanceof FloatType;
        boolean anyDecimal = lt instanceof DecimalType || rt instanceof DecimalType;
        if (anyDecimal && !anyFloating) {
            DecimalType a = TypeCoercion.decimalFor(lt);
            DecimalType b = TypeCoercion.decimalFor(rt);
            DataType result = decimalResultType(op, a, b);
            return new Arithmetic(op, Cast.castIfNeeded(l, a, c), Cast.castIfNeeded(r, b, c), result, c.ansiEnabled());
        }
        DataType operandType;
        if (op == Arithmetic.Op.DIVIDE) {
            operandType = DataTypes.DoubleType;
        } else {
            operandType = TypeCoercion.widerType(lt, rt).orElseThrow(() -> binaryOpDiffTypes(op.symbol(), l, r));
        }
        DataType result = op == Arithmetic.Op.INTEGRAL_DIVIDE ? DataTypes.LongType : operandType;
        return new Arithmetic(op, Cast.castIfNeeded(l, operandType, c), Cast.castIfNeeded(r, operandType, c), result,
                c.ansiEnabled());
    }

    /** Spark's decimal result types for each operator (with precision-loss adjustment). */
    static DataType decimalResultType(Arithmetic.Op op, DecimalType a, DecimalType b) {
        int p1 = a.precision();
        int s1 = a.scale();
        int p2 = b.precision();
        int s2 = b.scale();
        return switch (op) {
            case ADD, SUBTRACT -> {
                int scale = Math.max(s1, s2);
                yield TypeCoercion.adjustPrecisionScale(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
            }
            case MULTIPLY -> TypeCoercion.adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
            case DIVIDE -> {
                int scale = Math.max(6, s1 + p2 + 1);
                yield TypeCoercion.adjustPrecisionScale(p1 - s1 + s2 + scale, scale);
            }
            case REMAINDER -> {
                int scale = Math.max(s1, s2);
                yield TypeCoercion.adjustPrecisionScale(Math.min(p1 - s1, p2 - s2) + scale, scale);
            }
            case INTEGRAL_DIVIDE -> DataTypes.LongType;
        };
    }

    /** Builds a comparison after casting both sides to their wider type. */
    public static Expression comparison(Comparison.Op op, Expression l, Expression r, FunctionContext c) {
        DataType common = TypeCoercion.widerType(l.dataType(), r.dataType())
                .orElseThrow(() -> binaryOpDiffTypes(op.symbol(), l, r));
        if (common instanceof NullType) {
            common = DataTypes.BooleanType;
        }
        if (!ValueOrdering.isOrderable(common)) {
            // Spark checks equality too (a map has none); `a != b` is NOT(a = b) there, so its error names `=`
            String symbol = op == Comparison.Op.NOT_EQUAL ? "=" : op.symbol();
            throw new AnalysisException("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "Cannot resolve \"(" + l.sql()
                    + " " + symbol + " " + r.sql() + ")\" due to data type mismatch: The `" + symbol
                    + "` does not support ordering on type \"" + common.sql() + "\".", "42K09");
        }
        return new Comparison(op, Cast.castIfNeeded(l, common, c), Cast.castIfNeeded(r, common, c));
    }

    private static Expression in(List<Expression> args, FunctionContext c) {
        FunctionRegistry.checkArity("in", args, 2, Integer.MAX_VALUE);
        List<DataType> types = new ArrayList<>();
        for (Expression e : args) {
            types.add(e.dataType());
        }
        DataType common = types.get(0);
        for (DataType t : types) {
            Optional<DataType> w = TypeCoercion.widerType(common, t);
            if (w.isEmpty()) {
                throw new AnalysisException("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "Cannot resolve \"("
                        + args.get(0).sql() + " IN (...))\" due to data type mismatch: Input to `in` should all be"
                        + " the same type.", "42K09");
            }
            common = w.get();
        }
        List<Expression> cast = TypeCoercion.castAll(args, common, c);
        return new In(cast.get(0), cast.subList(1, cast.size()));
    }

    /** {@code [c1, v1, ..., else?]} to a {@link CaseWhen} with boolean conditions and a common value type. */
    public static Expression caseWhen(List<Expression> args, FunctionContext c) {
        List<Expression> conditions = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            conditions.add(bool(args.get(i), "CASE WHEN", i, c));
            values.add(args.get(i + 1));
        }
        Expression elseValue = args.size() % 2 == 1 ? args.get(args.size() - 1) : null;
        List<DataType> types = new ArrayList<>();
        for (Expression v : values) {
            types.add(v.dataType());
        }
        if (elseValue != null) {
            types.add(elseValue.dataType());
        }
        DataType common = TypeCoercion.widerTypeForValues(types).orElseThrow(() -> new AnalysisException(
                "DATATYPE_MISMATCH.DATA_DIFF_TYPES", "Cannot resolve \"CASE WHEN ...\" due to data type mismatch:"
                        + " Input to `casewhen` should all be the same type, but it's " + types.stream()
                        .map(DataType::sql).toList() + ".", "42K09"));
        if (common instanceof NullType) {
            common = DataTypes.StringType;
        }
        List<Expression> castValues = TypeCoercion.castAll(values, common, c);
        return new CaseWhen(conditions, castValues, elseValue == null ? null : Cast.castIfNeeded(elseValue, common, c));
    }

    private static AnalysisException binaryOpDiffTypes(String symbol, Expression l, Expression r) {
        return new AnalysisException("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "Cannot resolve \"(" + l.sql() + " "
                + symbol + " " + r.sql() + ")\" due to data type mismatch: the left and right operands of the binary"
                + " operator have incompatible types (\"" + l.dataType().sql() + "\" and \"" + r.dataType().sql()
                + "\").", "42K09");
    }

    static boolean isString(DataType t) {
        return t instanceof StringType;
    }
}
