package dev.sluice.expr.generator;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.StructField;
import java.util.List;

/**
 * An expression producing zero or more rows per input row (explode, posexplode, time windows). Used by
 * the {@code Generate} plan node. Implementations are immutable and thread-safe.
 */
public interface Generator {
    /** Names (defaults) and types of the generated columns. */
    List<StructField> elementSchema();

    /**
     * Generates rows for every input row: {@code parentRows[k]} is the input row that produced output
     * row {@code k}, in ascending order; {@code columns} hold the generated values.
     */
    Rows generate(Chunk input);

    /** The result of {@link #generate}: {@code count} output rows. */
    record Rows(int[] parentRows, int count, ColumnVector[] columns) {
        /** Whether output row {@code k} comes from input row {@code k} for every row of {@code inputRows}. */
        public boolean isIdentity(int inputRows) {
            if (count != inputRows) {
                return false;
            }
            if (parentRows == Identity.rows) {
                return true;
            }
            for (int i = 0; i < count; i++) {
                if (parentRows[i] != i) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@code parentRows} of a generator that makes one row per input row, in order (a tumbling window): one shared,
     * never written array {@code 0, 1, 2, ...} of at least {@code count} entries, so such a generator allocates no
     * parent array per chunk and {@link Rows#isIdentity} answers without a pass.
     */
    static int[] identityRows(int count) {
        int[] rows = Identity.rows;
        if (rows.length < count) {
            rows = new int[Math.max(count, rows.length * 2)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            Identity.rows = rows; // a racing thread may publish its own copy: either holds the same values
        }
        return rows;
    }

    /** The holder of {@link #identityRows}'s array (interfaces cannot have mutable static fields). */
    final class Identity {
        private static volatile int[] rows = identity(dev.sluice.batch.Chunk.DEFAULT_ROWS);

        private Identity() {
        }

        private static int[] identity(int n) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
            return out;
        }
    }
}
