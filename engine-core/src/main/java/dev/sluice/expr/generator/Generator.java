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
    }
}
