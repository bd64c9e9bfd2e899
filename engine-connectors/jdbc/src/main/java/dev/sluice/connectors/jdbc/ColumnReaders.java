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
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Copies one result-set column into a column vector, one reader per engine type chosen once per scan, so
 * the row loop calls primitive getters ({@code getInt}, {@code getLong}, ...) with no boxing. Timestamps are
 * read as the database's wall-clock time ({@code LocalDateTime}) and placed in the session time zone, which
 * is what {@code show()} prints back; dates as {@code LocalDate}. Stateless.
 */
@FunctionalInterface
interface ColumnReaders {
    /** Appends the value of column {@code index} (1-based) of the current row of {@code rs} to {@code out}. */
    void read(ResultSet rs, int index, ColumnVector out) throws SQLException;

    /**
     * The reader for engine type {@code type}; {@code sqlType} tells BIT columns read as longs apart.
     *
     * @throws IllegalArgumentException for a type no database column can be read as
     */
    static ColumnReaders forType(DataType type, int sqlType, ZoneId zone) {
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            return (rs, i, out) -> {
                int v = rs.getInt(i);
                if (rs.wasNull()) {
                    out.appendNull();
                } else {
                    out.appendInt(v);
                }
            };
        }
        if (type instanceof LongType) {
            if (sqlType == Types.BIT || sqlType == Types.VARBINARY || sqlType == Types.BINARY) {
                return ColumnReaders::readBitsAsLong;
            }
            return (rs, i, out) -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    out.appendNull();
                } else {
                    out.appendLong(v);
                }
            };
        }
        if (type instanceof DoubleType) {
            return (rs, i, out) -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    out.appendNull();
                } else {
                    out.appendDouble(v);
                }
            };
        }
        if (type instanceof FloatType) {
            return (rs, i, out) -> {
                float v = rs.getFloat(i);
                if (rs.wasNull()) {
                    out.appendNull();
                } else {
                    out.appendFloat(v);
                }
            };
        }
        if (type instanceof BooleanType) {
            return (rs, i, out) -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    out.appendNull();
                } else {
                    out.appendBoolean(v);
                }
            };
        }
        if (type instanceof StringType) {
            return (rs, i, out) -> out.appendString(rs.getString(i));
        }
        if (type instanceof BinaryType) {
            return (rs, i, out) -> out.appendObject(rs.getBytes(i));
        }
        if (type instanceof DecimalType d) {
            int scale = d.scale();
            return (rs, i, out) -> {
                BigDecimal v = rs.getBigDecimal(i);
                out.appendObject(v == null ? null : v.setScale(scale, RoundingMode.HALF_UP));
            };
        }
        if (type instanceof DateType) {
            return (rs, i, out) -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                if (v == null) {
                    out.appendNull();
                } else {
                    out.appendInt((int) v.toEpochDay());
                }
            };
        }
        if (type instanceof TimestampType) {
            return (rs, i, out) -> {
                LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                if (v == null) {
                    out.appendNull();
                } else {
                    out.appendLong(micros(v, zone));
                }
            };
        }
        if (type instanceof NullType) {
            return (rs, i, out) -> out.appendNull();
        }
        throw new IllegalArgumentException("no JDBC reader for type " + type.simpleString());
    }

    /** Microseconds since the epoch of wall-clock time {@code time} in {@code zone}. */
    static long micros(LocalDateTime time, ZoneId zone) {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.atZone(zone).toInstant());
    }

    /** A BIT(n) column as a long, big-endian, as Spark's {@code binarylong} getter. */
    private static void readBitsAsLong(ResultSet rs, int i, ColumnVector out) throws SQLException {
        byte[] bytes = rs.getBytes(i);
        if (bytes == null) {
            out.appendNull();
            return;
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xff);
        }
        out.appendLong(v);
    }
}
