package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.generator.Generator;
import dev.sluice.expr.generator.TimeWindow;
import dev.sluice.plan.logical.Generate;

/**
 * Runs a {@link Generator} per chunk: the kept input columns repeated per generated row, then the generated
 * columns. Input columns the plan does not use after the generator are not kept, so exploding a large array
 * never copies the array itself once per element. Immutable; safe to share between threads.
 */
public final class GenerateOperator {
    private final Generator generator;
    private final boolean outer;
    private final int[] keptColumns;

    /** Keeps every input column. */
    public GenerateOperator(Generate plan) {
        this(plan, plan.child().output());
    }

    /** Keeps the input columns of {@code keptChildOutput} (attributes of the child's output, in that order). */
    public GenerateOperator(Generate plan, java.util.List<dev.sluice.expr.AttributeReference> keptChildOutput) {
        this.generator = (Generator) Binder.bind((Expression) plan.generator(), plan.child().output());
        this.outer = plan.outer();
        java.util.List<dev.sluice.expr.AttributeReference> childOutput = plan.child().output();
        this.keptColumns = new int[keptChildOutput.size()];
        for (int i = 0; i < keptColumns.length; i++) {
            keptColumns[i] = childOutput.indexOf(keptChildOutput.get(i));
        }
    }

    public Chunk execute(Chunk input) {
        return expand(input, generator.generate(input));
    }

    /** Whether the generator is a time window, which can write into reused arrays ({@link #execute(Chunk, long[][])}). */
    public boolean generatesTimeWindows() {
        return generator instanceof TimeWindow;
    }

    /**
     * {@link #execute(Chunk)} for a consumer that keeps no vector of the result past the chunk: a time window writes
     * its starts and ends into {@code windowScratch} ({@link TimeWindow#generate(Chunk, long[][])}), so the result
     * is valid only until the next call with the same scratch.
     */
    public Chunk execute(Chunk input, long[][] windowScratch) {
        return expand(input, generator instanceof TimeWindow window ? window.generate(input, windowScratch)
                : generator.generate(input));
    }

    private Chunk expand(Chunk input, Generator.Rows rows) {
        int[] parents = rows.parentRows();
        int count = rows.count();
        ColumnVector[] generated = rows.columns();
        if (outer) {
            // Insert one NULL-padded row for every input row that generated nothing.
            int n = input.rowCount();
            int[] allParents = new int[count + n];
            int[] generatedRows = new int[count + n];
            int k = 0;
            int g = 0;
            for (int i = 0; i < n; i++) {
                boolean any = false;
                while (g < count && parents[g] == i) {
                    allParents[k] = i;
                    generatedRows[k++] = g++;
                    any = true;
                }
                if (!any) {
                    allParents[k] = i;
                    generatedRows[k++] = -1;
                }
            }
            for (int c = 0; c < generated.length; c++) {
                generated[c] = Chunks.takeOrNull(generated[c], generatedRows, k);
            }
            parents = allParents;
            count = k;
        }
        ColumnVector[] columns = new ColumnVector[keptColumns.length + generated.length];
        // One output row per input row, in order (a tumbling window, an explode of one-element arrays): the
        // kept columns are the input's own, shared instead of copied.
        boolean sameRows = new Generator.Rows(parents, count, generated).isIdentity(input.rowCount());
        for (int c = 0; c < keptColumns.length; c++) {
            ColumnVector column = input.column(keptColumns[c]);
            columns[c] = sameRows ? column : column.take(parents, count);
        }
        System.arraycopy(generated, 0, columns, keptColumns.length, generated.length);
        return new Chunk(count, columns);
    }
}
