package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.TypeCoercion;
import dev.sluice.expr.ValueOrdering;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Null handling and comparisons across arguments: {@code coalesce}, {@code nvl}/{@code ifnull},
 * {@code nullif}, {@code greatest}, {@code least}. Arguments are cast to their common type (Spark's
 * wider-type rules); without one the call fails with {@code DATATYPE_MISMATCH.DATA_DIFF_TYPES}. Stateless.
 */
final class ConditionalFunctions {
    private ConditionalFunctions() {
    }

    static void register(FunctionRegistry registry) {
        registry.register("coalesce", (arguments, context) -> {
            FunctionRegistry.checkArity("coalesce", arguments, 1, Integer.MAX_VALUE);
            return new Coalesce("coalesce", commonType("coalesce", arguments, context));
        });
        for (String name : List.of("nvl", "ifnull")) {
            registry.register(name, (arguments, context) -> {
                FunctionRegistry.checkArity(name, arguments, 2, 2);
                return new Coalesce(name, commonType(name, arguments, context));
            });
        }
        registry.register("nullif", (arguments, context) -> {
            FunctionRegistry.checkArity("nullif", arguments, 2, 2);
            return new NullIf(commonType("nullif", arguments, context));
        });
        registry.register("greatest", (arguments, context) -> extremum("greatest", arguments, context, 1));
        registry.register("least", (arguments, context) -> extremum("least", arguments, context, -1));
    }

    /** The arguments cast to their common type. */
    static List<Expression> commonType(String name, List<Expression> arguments, FunctionContext context) {
        List<DataType> types = arguments.stream().map(Expression::dataType).toList();
        DataType common = TypeCoercion.widerTypeForValues(types).orElseThrow(() -> new AnalysisException(
                "DATATYPE_MISMATCH.DATA_DIFF_TYPES", "Cannot resolve \"" + Arguments.callSql(name, arguments)
                        + "\" due to data type mismatch: Input to `" + name + "` should all be the same type, but it's "
                        + types.stream().map(t -> "\"" + t.sql() + "\"").collect(Collectors.joining(", ", "[", "]"))
                        + ".", "42K09"));
        return TypeCoercion.castAll(arguments, common, context);
    }

    private static Expression extremum(String name, List<Expression> arguments, FunctionContext context, int sign) {
        FunctionRegistry.checkArity(name, arguments, 2, Integer.MAX_VALUE);
        List<Expression> coerced = commonType(name, arguments, context);
        if (!ValueOrdering.isOrderable(coerced.get(0).dataType())) {
            throw Arguments.unexpected(name, coerced, 0, "orderable");
        }
        return new Extremum(name, coerced, sign);
    }

    /** The first non-null argument per row (all arguments share one type). */
    public static final class Coalesce extends ScalarFunction {
        Coalesce(String name, List<Expression> arguments) {
            super(name, arguments, arguments.get(0).dataType());
        }

        @Override
        public Expression withNewChildren(List<Expression> newChildren) {
            return new Coalesce(name(), newChildren);
        }

        @Override
        public boolean nullable() {
            return children().stream().allMatch(Expression::nullable);
        }

        @Override
        public ColumnVector eval(Chunk input) {
            List<Expression> children = children();
            ColumnVector first = children.get(0).eval(input);
            if (!first.mayHaveNulls() || children.size() == 1) {
                return first;
            }
            List<ColumnVector> vectors = new ArrayList<>(List.of(first));
            int rows = input.rowCount();
            ColumnVector out = ColumnVector.allocate(dataType(), rows);
            for (int row = 0; row < rows; row++) {
                ColumnVector chosen = null;
                for (int i = 0; i < children.size() && chosen == null; i++) {
                    if (i == vectors.size()) {
                        vectors.add(children.get(i).eval(input));
                    }
                    if (!vectors.get(i).isNull(row)) {
                        chosen = vectors.get(i);
                    }
                }
                if (chosen == null) {
                    out.appendNull();
                } else {
                    out.appendFrom(chosen, row);
                }
            }
            return out;
        }
    }

    /** {@code nullif(a, b)}: null when {@code a = b}, else {@code a}. */
    public static final class NullIf extends ScalarFunction {
        NullIf(List<Expression> arguments) {
            super("nullif", arguments, arguments.get(0).dataType());
        }

        @Override
        public Expression withNewChildren(List<Expression> newChildren) {
            return new NullIf(newChildren);
        }

        @Override
        public ColumnVector eval(Chunk input) {
            ColumnVector left = children().get(0).eval(input);
            ColumnVector right = children().get(1).eval(input);
            int rows = input.rowCount();
            ColumnVector out = ColumnVector.allocate(dataType(), rows);
            for (int row = 0; row < rows; row++) {
                if (left.isNull(row) || (!right.isNull(row) && ValueOrdering.compare(left, row, right, row) == 0)) {
                    out.appendNull();
                } else {
                    out.appendFrom(left, row);
                }
            }
            return out;
        }
    }

    /** {@code greatest} ({@code sign} 1) or {@code least} ({@code sign} -1), skipping nulls. */
    public static final class Extremum extends ScalarFunction {
        private final int sign;

        Extremum(String name, List<Expression> arguments, int sign) {
            super(name, arguments, arguments.get(0).dataType());
            this.sign = sign;
        }

        @Override
        public Expression withNewChildren(List<Expression> newChildren) {
            return new Extremum(name(), newChildren, sign);
        }

        @Override
        public boolean nullable() {
            return children().stream().allMatch(Expression::nullable);
        }

        @Override
        public ColumnVector eval(Chunk input) {
            ColumnVector[] vectors = evalArguments(input);
            int rows = input.rowCount();
            ColumnVector out = ColumnVector.allocate(dataType(), rows);
            for (int row = 0; row < rows; row++) {
                ColumnVector best = null;
                for (ColumnVector candidate : vectors) {
                    if (!candidate.isNull(row)
                            && (best == null || sign * ValueOrdering.compare(candidate, row, best, row) > 0)) {
                        best = candidate;
                    }
                }
                if (best == null) {
                    out.appendNull();
                } else {
                    out.appendFrom(best, row);
                }
            }
            return out;
        }
    }
}
