package dev.sluice.connectors.file;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds chunks record by record for the text-format parsers and applies the parse mode. A parser calls
 * {@link #begin()}, appends one value (or null) to every data column, then {@link #end} saying whether a
 * field failed; or {@link #malformed} when the record could not be parsed at all. The assembler then keeps
 * the row (PERMISSIVE: failed fields null, raw record in the corrupt-record column when the schema has one),
 * removes it (DROPMALFORMED, counted) or throws {@link MalformedRecordException} (FAILFAST). Removing a
 * half-appended record restores the saved sizes of every vector, nested ones included, so nothing is
 * allocated per record. Not thread-safe.
 */
public final class RecordAssembler {
    private final StructType schema;
    private final ParseMode mode;
    private final int corruptIndex;
    private final String source;
    private ColumnVector[] columns;
    private ColumnVector[] flat;
    private int[] marks;
    private int rows;
    private long dropped;

    /**
     * @param schema the output schema, possibly including the corrupt-record column
     * @param options the {@code mode} and {@code columnNameOfCorruptRecord} options
     * @param source the file or stream name used in FAILFAST errors
     */
    public RecordAssembler(StructType schema, FormatOptions options, String source) {
        this.schema = schema;
        this.mode = options.parseMode();
        this.source = source;
        int index = schema.indexOfIgnoreCase(options.corruptRecordColumn());
        if (index >= 0 && !(schema.apply(index).dataType() instanceof StringType)) {
            throw new AnalysisException("INVALID_CORRUPT_RECORD_TYPE", "The column `" + schema.apply(index).name()
                    + "` for corrupt records must have the nullable STRING type, but got "
                    + schema.apply(index).dataType().sql() + ".", "42804");
        }
        this.corruptIndex = index;
        allocate();
    }

    private void allocate() {
        columns = new ColumnVector[schema.length()];
        List<ColumnVector> all = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnVector.allocate(schema.apply(i).dataType(), Chunk.DEFAULT_ROWS);
            collect(columns[i], all);
        }
        flat = all.toArray(new ColumnVector[0]);
        marks = new int[flat.length];
        rows = 0;
    }

    private static void collect(ColumnVector vector, List<ColumnVector> out) {
        out.add(vector);
        if (vector instanceof StructVector s) {
            for (int i = 0; i < s.childCount(); i++) {
                collect(s.child(i), out);
            }
        } else if (vector instanceof ArrayVector a) {
            collect(a.elements(), out);
        } else if (vector instanceof MapVector m) {
            collect(m.keys(), out);
            collect(m.values(), out);
        }
    }

    /** Index of the corrupt-record column in the schema, or -1: parsers leave that column alone. */
    public int corruptRecordIndex() {
        return corruptIndex;
    }

    /** The vector of column {@code index} of the chunk being built (replaced after {@link #flush()}). */
    public ColumnVector column(int index) {
        return columns[index];
    }

    /** Starts a record: remembers every vector's size so the record can be taken back. */
    public void begin() {
        for (int i = 0; i < flat.length; i++) {
            marks[i] = flat[i].size();
        }
    }

    private void rollback() {
        for (int i = 0; i < flat.length; i++) {
            flat[i].setSize(marks[i]);
        }
    }

    /**
     * Ends a record whose data columns each received one value.
     *
     * @param badField whether some field could not be converted (it was appended as null)
     * @param raw the record's text, read only when the record is bad
     * @param line the 1-based line where the record starts
     */
    public void end(boolean badField, CharSequence raw, long line) {
        if (!badField) {
            if (corruptIndex >= 0) {
                columns[corruptIndex].appendNull();
            }
            rows++;
            return;
        }
        switch (mode) {
            case PERMISSIVE -> {
                if (corruptIndex >= 0) {
                    columns[corruptIndex].appendString(raw.toString());
                }
                rows++;
            }
            case DROPMALFORMED -> {
                rollback();
                dropped++;
            }
            case FAILFAST -> throw new MalformedRecordException(source, line, raw, null);
        }
    }

    /** Ends a record that could not be parsed: whatever was appended for it is removed first. */
    public void malformed(CharSequence raw, long line, Throwable cause) {
        rollback();
        switch (mode) {
            case PERMISSIVE -> {
                for (int i = 0; i < columns.length; i++) {
                    if (i == corruptIndex) {
                        columns[i].appendString(raw.toString());
                    } else {
                        columns[i].appendNull();
                    }
                }
                rows++;
            }
            case DROPMALFORMED -> dropped++;
            case FAILFAST -> throw new MalformedRecordException(source, line, raw, cause);
        }
    }

    /** Whether the chunk being built has reached {@link Chunk#DEFAULT_ROWS} rows. */
    public boolean full() {
        return rows >= Chunk.DEFAULT_ROWS;
    }

    /** The chunk built so far (null when it has no rows); later records go to a new chunk. */
    public Chunk flush() {
        if (rows == 0) {
            return null;
        }
        Chunk chunk = new Chunk(rows, columns);
        allocate();
        return chunk;
    }

    /** Records removed in DROPMALFORMED mode. */
    public long dropped() {
        return dropped;
    }
}
