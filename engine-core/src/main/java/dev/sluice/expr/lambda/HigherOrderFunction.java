package dev.sluice.expr.lambda;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.MapVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Base of the functions that apply {@link LambdaFunction}s to the elements of arrays and maps ({@code transform},
 * {@code filter}, {@code aggregate}, ...; Spark's {@code HigherOrderFunction}). Children are the arguments followed
 * by the functions. Each function is compiled once, when the node is built over bound inputs, into a
 * {@link LambdaEvaluator}; evaluation then runs each lambda once per chunk over all elements of all rows.
 * Null collections give null, as in Spark. Immutable and thread-safe.
 */
public abstract class HigherOrderFunction extends Expression {
    private final String name;
    private final List<Expression> arguments;
    private final List<LambdaFunction> functions;
    private final LambdaEvaluator[] evaluators;

    protected HigherOrderFunction(String name, List<Expression> arguments, List<LambdaFunction> functions) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.arguments = List.copyOf(arguments);
        this.functions = List.copyOf(functions);
        this.evaluators = new LambdaEvaluator[this.functions.size()];
        for (int i = 0; i < evaluators.length; i++) {
            evaluators[i] = LambdaEvaluator.compile(this.functions.get(i));
        }
    }

    /** The same function over other (already checked) arguments and lambda functions. */
    protected abstract HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions);

    public final List<Expression> arguments() {
        return arguments;
    }

    public final List<LambdaFunction> functions() {
        return functions;
    }

    protected final Expression argument(int index) {
        return arguments.get(index);
    }

    protected final LambdaFunction function(int index) {
        return functions.get(index);
    }

    /** The compiled function {@code index}; only once every column and outer variable it reads is bound. */
    protected final LambdaEvaluator evaluator(int index) {
        LambdaEvaluator evaluator = evaluators[index];
        if (evaluator == null) {
            throw new IllegalStateException(name + ": lambda function was not bound before evaluation: "
                    + functions.get(index).sql());
        }
        return evaluator;
    }

    @Override
    public final List<Expression> children() {
        List<Expression> children = new ArrayList<>(arguments);
        children.addAll(functions);
        return children;
    }

    @Override
    public final Expression withNewChildren(List<Expression> newChildren) {
        int count = arguments.size();
        List<LambdaFunction> newFunctions = new ArrayList<>();
        for (Expression f : newChildren.subList(count, newChildren.size())) {
            newFunctions.add((LambdaFunction) f);
        }
        return copy(newChildren.subList(0, count), newFunctions);
    }

    @Override
    public final String prettyName() {
        return name;
    }

    /** Spark's default: null when any argument may be null. */
    @Override
    public boolean nullable() {
        return arguments.stream().anyMatch(Expression::nullable);
    }

    @Override
    public boolean foldable() {
        return false;
    }

    // ---- helpers shared by the functions

    /** Argument 0 of a chunk as arrays: the vector, its elements flattened, and the elements themselves. */
    record ArrayInput(ArrayVector arrays, Flat flat, ColumnVector elements) {
    }

    /** Argument 0 of a chunk as maps: the vector, its entries flattened, and their keys and values. */
    record MapInput(MapVector maps, Flat flat, ColumnVector keys, ColumnVector values) {
    }

    protected final ArrayInput arrayInput(Chunk input) {
        ArrayVector arrays = (ArrayVector) argument(0).eval(input);
        Flat flat = flatten(arrays, input.rowCount());
        return new ArrayInput(arrays, flat, slice(arrays.elements(), flat));
    }

    protected final MapInput mapInput(Chunk input) {
        MapVector maps = (MapVector) argument(0).eval(input);
        Flat flat = flatten(maps, input.rowCount());
        return new MapInput(maps, flat, slice(maps.keys(), flat), slice(maps.values(), flat));
    }

    /**
     * Applies function 0 to flattened array elements: with a second parameter, that one is the element's 0-based
     * position ({@code transform} and {@code filter} accept both forms).
     */
    protected final ColumnVector evaluateOnElements(Chunk input, Flat flat, ColumnVector elements) {
        return function(0).variables().size() == 2
                ? evaluator(0).evaluate(input, flat.parents(), flat.count(), elements, flat.positionVector())
                : evaluator(0).evaluate(input, flat.parents(), flat.count(), elements);
    }

    /** The elements of rows {@code [0, rows)} of an array or map vector flattened: one entry per element. */
    record Flat(int count, int[] offsets, int[] parents, int[] positions, int base) {
        /** A vector of the element positions (the index argument of {@code transform}). */
        IntVector positionVector() {
            return IntVector.wrap(DataTypes.IntegerType, positions, count, null);
        }
    }

    static Flat flatten(ColumnVector collection, int rows) {
        int[] offsets = new int[rows + 1];
        int base = rows == 0 ? 0 : offset(collection, 0);
        for (int row = 0; row <= rows; row++) {
            offsets[row] = (row == rows ? end(collection, rows) : offset(collection, row)) - base;
        }
        int count = offsets[rows];
        int[] parents = new int[count];
        int[] positions = new int[count];
        for (int row = 0; row < rows; row++) {
            for (int i = offsets[row]; i < offsets[row + 1]; i++) {
                parents[i] = row;
                positions[i] = i - offsets[row];
            }
        }
        return new Flat(count, offsets, parents, positions, base);
    }

    private static int offset(ColumnVector collection, int row) {
        return collection instanceof ArrayVector a ? a.offset(row) : ((MapVector) collection).offset(row);
    }

    private static int end(ColumnVector collection, int rows) {
        return rows == 0 ? 0 : offset(collection, rows - 1) + length(collection, rows - 1);
    }

    private static int length(ColumnVector collection, int row) {
        return collection instanceof ArrayVector a ? a.length(row) : ((MapVector) collection).length(row);
    }

    /** {@code [flat.base, flat.base + flat.count)} of {@code children}, shared when that is all of it. */
    static ColumnVector slice(ColumnVector children, Flat flat) {
        if (flat.base() == 0 && children.size() == flat.count()) {
            return children;
        }
        return children.copyRange(flat.base(), flat.base() + flat.count());
    }

    /** The values at {@code indexes[0..count)}, null where an index is negative. */
    static ColumnVector gatherOrNull(ColumnVector source, DataType type, int[] indexes, int count) {
        ColumnVector out = ColumnVector.allocate(type, count);
        for (int i = 0; i < count; i++) {
            if (indexes[i] < 0) {
                out.appendNull();
            } else {
                out.appendFrom(source, indexes[i]);
            }
        }
        return out;
    }

    /**
     * The indexes of the elements whose predicate result is a non-null true, row by row: fills {@code kept} and the
     * new row offsets {@code offsets} (length {@code rows + 1}) and returns how many were kept.
     */
    static int keepTrue(ColumnVector predicate, Flat flat, int rows, int[] kept, int[] offsets) {
        boolean typed = predicate.type() instanceof dev.sluice.sql.types.BooleanType;
        int count = 0;
        for (int row = 0; row < rows; row++) {
            for (int i = flat.offsets()[row]; i < flat.offsets()[row + 1]; i++) {
                if (typed && !predicate.isNull(i) && predicate.getBoolean(i)) {
                    kept[count++] = i;
                }
            }
            offsets[row + 1] = count;
        }
        return count;
    }

    /** A copy of the validity map of the first {@code rows} rows, or null when none is null. */
    static boolean[] rowNulls(ColumnVector vector, int rows) {
        if (!vector.mayHaveNulls()) {
            return null;
        }
        boolean[] nulls = new boolean[Math.max(rows, 1)];
        boolean any = false;
        for (int row = 0; row < rows; row++) {
            nulls[row] = vector.isNull(row);
            any |= nulls[row];
        }
        return any ? nulls : null;
    }
}
