package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.generator.Generator;
import dev.sluice.plan.logical.Generate;

/** Runs a {@link Generator} per chunk: input columns repeated per generated row, then generated columns. */
public final class GenerateOperator {
    private final Generator generator;
    private final boolean outer;

    public GenerateOperator(Generate plan) {
        this.generator = (Generator) Binder.bind((Expression) plan.generator(), plan.child().output());
        this.outer = plan.outer();
    }

    public Chunk execute(Chunk input) {
        Generator.Rows rows = generator.generate(input);
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
        ColumnVector[] columns = new ColumnVector[input.columnCount() + generated.length];
        for (int c = 0; c < input.columnCount(); c++) {
            columns[c] = input.column(c).take(parents, count);
        }
        System.arraycopy(generated, 0, columns, input.columnCount(), generated.length);
        return new Chunk(count, columns);
    }
}
