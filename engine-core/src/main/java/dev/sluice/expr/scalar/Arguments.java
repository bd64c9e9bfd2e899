package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.util.List;

/**
 * Argument checks and implicit casts shared by the function builders: Spark's {@code ImplicitCastInputTypes}
 * (numbers and dates become strings where a string is expected, strings become numbers or dates where those
 * are expected) and the {@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE} error otherwise. Stateless.
 */
final class Arguments {
    private Arguments() {
    }

    /** {@code name(a, b)}: the text Spark quotes in type mismatch errors. */
    static String callSql(String name, List<Expression> arguments) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(arguments.get(i).sql());
        }
        return sb.append(')').toString();
    }

    private static AnalysisException mismatch(String name, List<Expression> arguments, int index, String expected) {
        return FunctionRegistry.unexpectedType(callSql(name, arguments), index, expected, arguments.get(index));
    }

    private static boolean isAtomic(DataType type) {
        return !(type instanceof StructType || type instanceof ArrayType || type instanceof MapType);
    }

    /** Argument {@code index} as a string (atomic values are cast). */
    static Expression string(String name, List<Expression> arguments, int index, FunctionContext context) {
        Expression argument = arguments.get(index);
        DataType type = argument.dataType();
        if (type instanceof StringType) {
            return argument;
        }
        if (isAtomic(type) && !(type instanceof BinaryType)) {
            return Cast.castIfNeeded(argument, DataTypes.StringType, context);
        }
        throw mismatch(name, arguments, index, "\"STRING\"");
    }

    /** Argument {@code index} as binary (strings are UTF-8 encoded). */
    static Expression binary(String name, List<Expression> arguments, int index, FunctionContext context) {
        Expression argument = arguments.get(index);
        DataType type = argument.dataType();
        if (type instanceof BinaryType) {
            return argument;
        }
        if (type instanceof StringType || type instanceof NullType) {
            return Cast.castIfNeeded(argument, DataTypes.BinaryType, context);
        }
        throw mismatch(name, arguments, index, "\"BINARY\"");
    }

    /** Argument {@code index} as an int (integral numbers and strings are cast). */
    static Expression integer(String name, List<Expression> arguments, int index, FunctionContext context) {
        return numeric(name, arguments, index, context, DataTypes.IntegerType, "\"INT\"");
    }

    /** Argument {@code index} as a long (numbers and strings are cast). */
    static Expression numericToLong(String name, List<Expression> arguments, int index, FunctionContext context) {
        return numeric(name, arguments, index, context, DataTypes.LongType, "\"BIGINT\"");
    }

    /** Argument {@code index} as a double (numbers and strings are cast). */
    static Expression doubleValue(String name, List<Expression> arguments, int index, FunctionContext context) {
        return numeric(name, arguments, index, context, DataTypes.DoubleType, "\"DOUBLE\"");
    }

    private static Expression numeric(String name, List<Expression> arguments, int index, FunctionContext context,
            DataType target, String expected) {
        Expression argument = arguments.get(index);
        DataType type = argument.dataType();
        if (type.isNumeric() || type instanceof StringType || type instanceof NullType) {
            return Cast.castIfNeeded(argument, target, context);
        }
        throw mismatch(name, arguments, index, expected);
    }

    /** Argument {@code index} as a date (timestamps and strings are cast). */
    static Expression date(String name, List<Expression> arguments, int index, FunctionContext context) {
        Expression argument = arguments.get(index);
        DataType type = argument.dataType();
        if (type instanceof DateType || type instanceof TimestampType || type instanceof StringType
                || type instanceof NullType) {
            return Cast.castIfNeeded(argument, DataTypes.DateType, context);
        }
        throw mismatch(name, arguments, index, "\"DATE\"");
    }

    /** Argument {@code index} as a timestamp (dates and strings are cast). */
    static Expression timestamp(String name, List<Expression> arguments, int index, FunctionContext context) {
        Expression argument = arguments.get(index);
        DataType type = argument.dataType();
        if (type instanceof DateType || type instanceof TimestampType || type instanceof StringType
                || type instanceof NullType) {
            return Cast.castIfNeeded(argument, DataTypes.TimestampType, context);
        }
        throw mismatch(name, arguments, index, "\"TIMESTAMP\"");
    }

    /** Argument {@code index} as a boolean. */
    static Expression bool(String name, List<Expression> arguments, int index, FunctionContext context) {
        Expression argument = arguments.get(index);
        if (argument.dataType() instanceof BooleanType) {
            return argument;
        }
        if (argument.dataType() instanceof NullType) {
            return Cast.castIfNeeded(argument, DataTypes.BooleanType, context);
        }
        throw mismatch(name, arguments, index, "\"BOOLEAN\"");
    }

    /** Fails with the type mismatch error for argument {@code index}. */
    static AnalysisException unexpected(String name, List<Expression> arguments, int index, String expected) {
        return mismatch(name, arguments, index, expected);
    }

    /**
     * The value of a constant argument (a literal or a foldable expression), in internal form; null for NULL.
     * Non-constant arguments fail with {@code DATATYPE_MISMATCH.NON_FOLDABLE_INPUT}.
     */
    static Object constant(String name, List<Expression> arguments, int index) {
        Expression argument = arguments.get(index);
        if (argument instanceof Literal literal) {
            return literal.value();
        }
        if (!argument.foldable()) {
            throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "Cannot resolve \""
                    + callSql(name, arguments) + "\" due to data type mismatch: the input `" + argument.sql()
                    + "` should be a foldable expression; however, got \"" + argument.sql() + "\".", "42K09");
        }
        return argument.eval(new Chunk(1)).getObject(0);
    }

    /** True when the argument is constant, so that e.g. a pattern can be compiled once. */
    static boolean isConstant(Expression argument) {
        return argument instanceof Literal || argument.foldable();
    }
}
