package dev.sluice.expr.lambda;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.BoundReference;
import dev.sluice.expr.Expression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lambda body compiled for vectorized evaluation. A higher-order function evaluates its body once per chunk
 * over all the elements of all rows at once: it builds an "element chunk" whose columns are the outer columns the
 * body reads (gathered to one value per element) followed by one vector per lambda variable. Compiling rewrites
 * the body once so that outer column references and the variables read that chunk, so nothing is looked up or
 * re-bound per row or per element. Nested higher-order functions in the body see the element chunk as their
 * outer input and compile in turn. Immutable and thread-safe.
 */
final class LambdaEvaluator {
    private final int[] outerOrdinals;
    private final Expression body;

    private LambdaEvaluator(int[] outerOrdinals, Expression body) {
        this.outerOrdinals = outerOrdinals;
        this.body = body;
    }

    /**
     * Compiles {@code function}, or returns null while its body still holds unbound column attributes or
     * variables of an enclosing lambda (those are rewritten first, when the enclosing function compiles).
     */
    static LambdaEvaluator compile(LambdaFunction function) {
        Expression body = function.body();
        if (body.exists(e -> e instanceof AttributeReference)) {
            return null;
        }
        Map<Long, Integer> own = new HashMap<>();
        List<LambdaVariable> variables = function.variables();
        for (int i = 0; i < variables.size(); i++) {
            own.put(variables.get(i).id(), i);
        }
        Set<Long> declaredInside = new HashSet<>();
        List<LambdaFunction> nested = new ArrayList<>();
        body.collect(LambdaFunction.class, nested);
        for (LambdaFunction inner : nested) {
            inner.variables().forEach(v -> declaredInside.add(v.id()));
        }
        List<LambdaVariable> used = new ArrayList<>();
        body.collect(LambdaVariable.class, used);
        for (LambdaVariable v : used) {
            if (!own.containsKey(v.id()) && !declaredInside.contains(v.id())) {
                return null;
            }
        }
        List<BoundReference> references = new ArrayList<>();
        body.collect(BoundReference.class, references);
        Map<Integer, Integer> outer = new HashMap<>();
        List<Integer> ordinals = new ArrayList<>();
        for (BoundReference r : references) {
            if (!outer.containsKey(r.ordinal())) {
                outer.put(r.ordinal(), ordinals.size());
                ordinals.add(r.ordinal());
            }
        }
        int outerCount = ordinals.size();
        Expression compiled = body.transformUp(e -> {
            if (e instanceof BoundReference r) {
                return new BoundReference(outer.get(r.ordinal()), r.dataType(), r.nullable(), r.sql());
            }
            if (e instanceof LambdaVariable v && own.containsKey(v.id())) {
                return new BoundReference(outerCount + own.get(v.id()), v.dataType(), v.nullable(), v.name());
            }
            return e;
        });
        return new LambdaEvaluator(ordinals.stream().mapToInt(Integer::intValue).toArray(), compiled);
    }

    /**
     * Evaluates the body for {@code count} elements: element {@code i} belongs to row {@code parents[i]} of
     * {@code outer} ({@code parents == null}: element {@code i} is row {@code i}) and has the values
     * {@code variables[k][i]}. Returns a vector of {@code count} values.
     */
    ColumnVector evaluate(Chunk outer, int[] parents, int count, ColumnVector... variables) {
        ColumnVector[] columns = new ColumnVector[outerOrdinals.length + variables.length];
        for (int i = 0; i < outerOrdinals.length; i++) {
            ColumnVector column = outer.column(outerOrdinals[i]);
            columns[i] = parents == null ? column : column.take(parents, count);
        }
        System.arraycopy(variables, 0, columns, outerOrdinals.length, variables.length);
        return body.eval(new Chunk(count, columns));
    }
}
