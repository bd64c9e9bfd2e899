package dev.sluice.connectors.file;

import dev.sluice.batch.ColumnVector;
import dev.sluice.spi.ValueText;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.TimestampType;

/**
 * The text of a non-null atomic value in a CSV field, as Spark's CSV writer: numbers and booleans as Java
 * prints them, decimals in plain notation, dates and timestamps with {@link TemporalFormats}, binary as its
 * UTF-8 text. One formatter per column, reused for every row.
 * Stateless and thread-safe.
 */
@FunctionalInterface
public interface ValueFormatter {
    /** The text of the non-null value at {@code row}. */
    String format(ColumnVector vector, int row);

    /** The formatter for atomic {@code type}; struct, array and map types are rejected naming {@code format}. */
    static ValueFormatter forType(DataType type, TemporalFormats temporal, String format) {
        if (type instanceof StringType) {
            return ColumnVector::getString;
        }
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            return (v, row) -> Integer.toString(v.getInt(row));
        }
        if (type instanceof LongType) {
            return (v, row) -> Long.toString(v.getLong(row));
        }
        if (type instanceof DoubleType) {
            return (v, row) -> Double.toString(v.getDouble(row));
        }
        if (type instanceof FloatType) {
            return (v, row) -> Float.toString(v.getFloat(row));
        }
        if (type instanceof BooleanType) {
            return (v, row) -> Boolean.toString(v.getBoolean(row));
        }
        if (type instanceof DecimalType) {
            return (v, row) -> v.getDecimal(row).toPlainString();
        }
        if (type instanceof TimestampType) {
            return (v, row) -> temporal.formatTimestamp(v.getLong(row));
        }
        if (type instanceof dev.sluice.sql.types.TimestampNTZType) {
            return (v, row) -> temporal.formatTimestampNtz(v.getLong(row));
        }
        if (type instanceof DateType) {
            return (v, row) -> temporal.formatDate(v.getInt(row));
        }
        if (type instanceof BinaryType) {
            return (v, row) -> ValueText.render(v.getObject(row), type);
        }
        throw TextValueParser.unsupported(format, type);
    }
}
