package dev.sluice.connectors.jdbc;

import dev.sluice.batch.ColumnVector;
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
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Binds one value of a column vector to a statement parameter, one binder per engine type chosen once per
 * write, so the row loop calls primitive setters ({@code setInt}, {@code setLong}, ...) with no boxing;
 * timestamps become the session time zone's wall-clock {@code LocalDateTime} (the inverse of
 * {@link ColumnReaders}). Stateless.
 */
@FunctionalInterface
interface ValueBinders {
    /** Sets parameter {@code index} (1-based) of {@code statement} to row {@code row} of {@code column}. */
    void bind(PreparedStatement statement, int index, ColumnVector column, int row) throws SQLException;

    /** The binder for engine type {@code type}. */
    static ValueBinders forType(DataType type, ZoneId zone) {
        ValueBinders notNull = notNull(type, zone);
        int sqlType = nullType(type);
        return (statement, index, column, row) -> {
            if (column.isNull(row)) {
                statement.setNull(index, sqlType);
            } else {
                notNull.bind(statement, index, column, row);
            }
        };
    }

    /**
     * A pushed filter's constant (in the external form of {@link dev.sluice.sql.sources.Filter}) as the object a
     * driver accepts: timestamps as local date-times of the session zone, as the rows are written.
     */
    static Object toJdbcObject(Object value, ZoneId zone) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp t) {
            return LocalDateTime.ofInstant(t.toInstant(), zone);
        }
        return value;
    }

    private static ValueBinders notNull(DataType type, ZoneId zone) {
        if (type instanceof IntegerType) {
            return (s, i, c, r) -> s.setInt(i, c.getInt(r));
        } else if (type instanceof ShortType) {
            return (s, i, c, r) -> s.setShort(i, (short) c.getInt(r));
        } else if (type instanceof ByteType) {
            return (s, i, c, r) -> s.setByte(i, (byte) c.getInt(r));
        } else if (type instanceof LongType) {
            return (s, i, c, r) -> s.setLong(i, c.getLong(r));
        } else if (type instanceof DoubleType) {
            return (s, i, c, r) -> s.setDouble(i, c.getDouble(r));
        } else if (type instanceof FloatType) {
            return (s, i, c, r) -> s.setFloat(i, c.getFloat(r));
        } else if (type instanceof BooleanType) {
            return (s, i, c, r) -> s.setBoolean(i, c.getBoolean(r));
        } else if (type instanceof StringType) {
            return (s, i, c, r) -> s.setString(i, c.getString(r));
        } else if (type instanceof BinaryType) {
            return (s, i, c, r) -> s.setBytes(i, c.getBinary(r));
        } else if (type instanceof DecimalType) {
            return (s, i, c, r) -> s.setBigDecimal(i, (BigDecimal) c.getObject(r));
        } else if (type instanceof DateType) {
            return (s, i, c, r) -> s.setObject(i, LocalDate.ofEpochDay(c.getInt(r)));
        } else if (type instanceof TimestampType) {
            return (s, i, c, r) -> s.setObject(i, timestamp(c.getLong(r), zone));
        }
        throw new dev.sluice.sql.SluiceException("_LEGACY_ERROR_TEMP_2082", "Can't get JDBC type for "
                + type.simpleString() + ".", null, null);
    }

    private static LocalDateTime timestamp(long micros, ZoneId zone) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        return LocalDateTime.ofInstant(instant, zone);
    }

    private static int nullType(DataType type) {
        if (type instanceof IntegerType) {
            return Types.INTEGER;
        } else if (type instanceof ShortType) {
            return Types.SMALLINT;
        } else if (type instanceof ByteType) {
            return Types.TINYINT;
        } else if (type instanceof LongType) {
            return Types.BIGINT;
        } else if (type instanceof DoubleType) {
            return Types.DOUBLE;
        } else if (type instanceof FloatType) {
            return Types.FLOAT;
        } else if (type instanceof BooleanType) {
            return Types.BOOLEAN;
        } else if (type instanceof BinaryType) {
            return Types.BLOB;
        } else if (type instanceof DecimalType) {
            return Types.DECIMAL;
        } else if (type instanceof DateType) {
            return Types.DATE;
        } else if (type instanceof TimestampType) {
            return Types.TIMESTAMP;
        }
        return Types.VARCHAR;
    }
}
