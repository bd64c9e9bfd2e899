package dev.sluice.expr.scalar;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.expr.BoundReference;
import dev.sluice.expr.Cast;
import dev.sluice.expr.ExecutionErrors;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.NamedExpression;
import dev.sluice.expr.ValueOrdering;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Constructors and accessors of nested values: {@code array}, {@code named_struct}, {@code struct},
 * {@code size}, {@code array_contains}, {@code element_at}, and array {@code concat}. Stateless.
 */
final class CollectionFunctions {
    private CollectionFunctions() {
    }

    static void register(FunctionRegistry registry) {
        registry.register("array", (arguments, context) -> {
            List<Expression> coerced = arguments.isEmpty() ? arguments
                    : ConditionalFunctions.commonType("array", arguments, context);
            DataType element = coerced.isEmpty() ? DataTypes.NullType : coerced.get(0).dataType();
            // Spark's CreateArray: the elements may be null only when an argument may be.
            return new CreateArray(coerced, new ArrayType(element, coerced.stream().anyMatch(Expression::nullable)));
        });
        registry.register("named_struct", CollectionFunctions::namedStruct);
        registry.register("struct", (arguments, context) -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                Expression argument = arguments.get(i);
                names.add(argument instanceof NamedExpression named ? named.name()
                        : argument instanceof BoundReference ? argument.sql() : "col" + (i + 1));
            }
            return new CreateStruct("struct", names, arguments);
        });
        registry.register("size", CollectionFunctions::size);
        registry.register("cardinality", CollectionFunctions::size);
        registry.register("array_contains", CollectionFunctions::arrayContains);
        registry.register("element_at", CollectionFunctions::elementAt);
        MapFunctions.register(registry);
    }

    private static Expression namedStruct(List<Expression> arguments, FunctionContext context) {
        if (arguments.isEmpty() || arguments.size() % 2 != 0) {
            throw new AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `named_struct` requires 2n (n > 0)"
                    + " parameters but the actual number is " + arguments.size() + ".", "42605");
        }
        List<String> names = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i += 2) {
            Object name = Arguments.constant("named_struct", arguments, i);
            if (!(name instanceof String text)) {
                throw new AnalysisException("DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
                        "Cannot resolve \"" + Arguments.callSql("named_struct", arguments) + "\" due to data type"
                                + " mismatch: Only foldable `STRING` expressions are allowed to appear at odd position,"
                                + " but they are [\"" + arguments.get(i).sql() + "\"].", "42K09");
            }
            names.add(text);
            values.add(arguments.get(i + 1));
        }
        return new CreateStruct("named_struct", names, values);
    }

    private static Expression size(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("size", arguments, 1, 1);
        DataType type = arguments.get(0).dataType();
        if (!(type instanceof ArrayType || type instanceof MapType)) {
            throw Arguments.unexpected("size", arguments, 0, "(\"ARRAY\" or \"MAP\")");
        }
        return new Size(arguments.get(0), !context.ansiEnabled());
    }

    private static Expression arrayContains(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("array_contains", arguments, 2, 2);
        if (!(arguments.get(0).dataType() instanceof ArrayType array)) {
            throw Arguments.unexpected("array_contains", arguments, 0, "\"ARRAY\"");
        }
        DataType element = array.elementType();
        if (!Cast.canCast(arguments.get(1).dataType(), element)) {
            throw Arguments.unexpected("array_contains", arguments, 1, "\"" + element.sql() + "\"");
        }
        Expression value = Cast.castIfNeeded(arguments.get(1), element, context);
        // Spark's ArrayContains: null for a null array or value, or when the array may hold nulls (no match).
        return new RowFunction("array_contains", List.of(arguments.get(0), value), DataTypes.BooleanType, true,
                a -> a.get(0).nullable() || a.get(1).nullable() || array.containsNull(), values -> {
                    boolean sawNull = false;
                    for (Object candidate : (List<?>) values[0]) {
                        if (candidate == null) {
                            sawNull = true;
                        } else if (ValueOrdering.compareObjects(candidate, values[1], element) == 0) {
                            return true;
                        }
                    }
                    return sawNull ? null : Boolean.FALSE;
                });
    }

    private static Expression elementAt(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("element_at", arguments, 2, 2);
        DataType type = arguments.get(0).dataType();
        boolean ansi = context.ansiEnabled();
        if (type instanceof ArrayType array) {
            Expression index = Arguments.integer("element_at", arguments, 1, context);
            return new RowFunction("element_at", List.of(arguments.get(0), index), array.elementType(), true, values -> {
                List<?> elements = (List<?>) values[0];
                int position = (Integer) values[1];
                if (position == 0) {
                    throw ExecutionErrors.indexOfZero();
                }
                int offset = position > 0 ? position - 1 : elements.size() + position;
                if (offset < 0 || offset >= elements.size()) {
                    if (ansi) {
                        throw ExecutionErrors.invalidElementAtIndex(position, elements.size());
                    }
                    return null;
                }
                return elements.get(offset);
            });
        }
        if (type instanceof MapType map) {
            Expression key = Cast.castIfNeeded(arguments.get(1), map.keyType(), context);
            return new RowFunction("element_at", List.of(arguments.get(0), key), map.valueType(), true, values -> {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) values[0]).entrySet()) {
                    if (ValueOrdering.compareObjects(entry.getKey(), values[1], map.keyType()) == 0) {
                        return entry.getValue();
                    }
                }
                return null;
            });
        }
        throw Arguments.unexpected("element_at", arguments, 0, "(\"ARRAY\" or \"MAP\")");
    }

    /** {@code concat} of arrays: null if any array is null. */
    static Expression concatArrays(List<Expression> arguments, FunctionContext context) {
        List<Expression> coerced = ConditionalFunctions.commonType("concat", arguments, context);
        return new RowFunction("concat", coerced, coerced.get(0).dataType(), true,
                RowFunction.Nullability.ANY_ARGUMENT, values -> {
            List<Object> all = new ArrayList<>();
            for (Object value : values) {
                all.addAll((List<?>) value);
            }
            return all;
        });
    }

    /** {@code array(a, b, ...)}: one array per row of the (already coerced) arguments. Never null. */
    public static final class CreateArray extends ScalarFunction {
        CreateArray(List<Expression> arguments, ArrayType type) {
            super("array", arguments, type);
        }

        @Override
        public Expression withNewChildren(List<Expression> newChildren) {
            return new CreateArray(newChildren, (ArrayType) dataType());
        }

        @Override
        public boolean nullable() {
            return false;
        }

        @Override
        public ColumnVector eval(Chunk input) {
            ColumnVector[] vectors = evalArguments(input);
            int rows = input.rowCount();
            ArrayVector out = new ArrayVector((ArrayType) dataType(), rows);
            for (int row = 0; row < rows; row++) {
                for (ColumnVector vector : vectors) {
                    out.elements().appendFrom(vector, row);
                }
                out.endRow();
            }
            return out;
        }
    }

    /** {@code named_struct} / {@code struct}: the argument vectors become the fields, without copying. */
    public static final class CreateStruct extends ScalarFunction {
        private final List<String> fieldNames;

        CreateStruct(String name, List<String> fieldNames, List<Expression> values) {
            super(name, values, structType(fieldNames, values));
            this.fieldNames = List.copyOf(fieldNames);
        }

        private static StructType structType(List<String> names, List<Expression> values) {
            List<StructField> fields = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                // a field made from a column keeps the column's metadata, as Spark's CreateNamedStruct
                Expression v = values.get(i);
                fields.add(new StructField(names.get(i), v.dataType(), v.nullable(),
                        v instanceof dev.sluice.expr.NamedExpression named && v.resolved() ? named.metadata()
                                : dev.sluice.sql.types.Metadata.empty()));
            }
            return new StructType(fields);
        }

        @Override
        public Expression withNewChildren(List<Expression> newChildren) {
            return new CreateStruct(name(), fieldNames, newChildren);
        }

        @Override
        public boolean nullable() {
            return false;
        }

        @Override
        public String sql() {
            if (!name().equals("named_struct")) {
                return super.sql();
            }
            StringBuilder sb = new StringBuilder("named_struct(");
            for (int i = 0; i < fieldNames.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(fieldNames.get(i)).append(", ").append(children().get(i).sql());
            }
            return sb.append(')').toString();
        }

        @Override
        public ColumnVector eval(Chunk input) {
            ColumnVector[] vectors = evalArguments(input);
            return StructVector.of((StructType) dataType(), vectors, input.rowCount(), null);
        }
    }

    /** {@code size(array | map)}: element count; NULL for a null input (-1 with ANSI off, as Spark). */
    public static final class Size extends ScalarFunction {
        private final boolean legacySizeOfNull;

        Size(Expression child, boolean legacySizeOfNull) {
            super("size", List.of(child), DataTypes.IntegerType);
            this.legacySizeOfNull = legacySizeOfNull;
        }

        @Override
        public Expression withNewChildren(List<Expression> newChildren) {
            return new Size(newChildren.get(0), legacySizeOfNull);
        }

        @Override
        public boolean nullable() {
            return !legacySizeOfNull && children().get(0).nullable();
        }

        @Override
        public ColumnVector eval(Chunk input) {
            ColumnVector values = children().get(0).eval(input);
            int rows = input.rowCount();
            int[] out = new int[Math.max(rows, 1)];
            boolean[] nulls = null;
            for (int row = 0; row < rows; row++) {
                if (values.isNull(row)) {
                    if (legacySizeOfNull) {
                        out[row] = -1;
                    } else {
                        if (nulls == null) {
                            nulls = new boolean[out.length];
                        }
                        nulls[row] = true;
                    }
                } else {
                    out[row] = values instanceof ArrayVector array ? array.length(row) : ((MapVector) values).length(row);
                }
            }
            return IntVector.wrap(DataTypes.IntegerType, out, rows, nulls);
        }
    }
}
