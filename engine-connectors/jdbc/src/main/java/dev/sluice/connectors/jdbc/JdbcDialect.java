package dev.sluice.connectors.jdbc;

import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.TimestampType;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

/**
 * What differs between databases, as Spark's {@code JdbcDialect}: identifier quoting, the mapping of SQL
 * types to engine types and back, and the upsert statement of the streaming sink. The defaults here are
 * Spark's generic {@code JdbcUtils} mappings and standard SQL ({@code MERGE}); {@link MySqlDialect} covers
 * MySQL and MariaDB. Stateless and thread-safe.
 */
class JdbcDialect {
    static final JdbcDialect GENERIC = new JdbcDialect();

    /** The dialect for {@code url}: MySQL/MariaDB URLs get {@link MySqlDialect}, any other the generic one. */
    static JdbcDialect forUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:mysql") || lower.startsWith("jdbc:mariadb") ? MySqlDialect.INSTANCE : GENERIC;
    }

    /** {@code name} quoted as a column identifier (Spark's default: double quotes). */
    String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The engine type of a result-set column, as Spark's {@code JdbcUtils.getCatalystType} (with
     * {@code spark.sql.legacy.charVarcharAsString}-style strings for CHAR/VARCHAR, and TIME read as a timestamp).
     *
     * @param column the column name, for the error on an unsupported type
     */
    DataType engineType(String column, int sqlType, String typeName, int precision, int scale, boolean signed) {
        return switch (sqlType) {
            case Types.BIGINT -> signed ? DataTypes.LongType : DataTypes.createDecimalType(20, 0);
            case Types.BINARY, Types.BLOB, Types.LONGVARBINARY, Types.VARBINARY -> DataTypes.BinaryType;
            case Types.BIT, Types.BOOLEAN -> DataTypes.BooleanType;
            case Types.CHAR, Types.CLOB, Types.LONGNVARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NCLOB,
                 Types.NVARCHAR, Types.REF, Types.ROWID, Types.SQLXML, Types.STRUCT, Types.VARCHAR -> DataTypes.StringType;
            case Types.DATE -> DataTypes.DateType;
            case Types.DECIMAL, Types.NUMERIC -> decimal(precision, scale);
            case Types.DOUBLE, Types.REAL -> DataTypes.DoubleType;
            case Types.FLOAT -> DataTypes.FloatType;
            case Types.INTEGER -> signed ? DataTypes.IntegerType : DataTypes.LongType;
            case Types.SMALLINT, Types.TINYINT -> DataTypes.IntegerType;
            case Types.TIME, Types.TIMESTAMP -> DataTypes.TimestampType;
            case Types.NULL -> DataTypes.NullType;
            default -> throw new SluiceException("UNRECOGNIZED_SQL_TYPE", "Unrecognized SQL type - name: " + typeName
                    + ", id: " + sqlType + " (column " + column + ").", "42704", null);
        };
    }

    /** Spark's decimal rules: (0,0) is the system default (38,18); precision and scale bounded by 38. */
    static DecimalType decimal(int precision, int scale) {
        if (precision == 0 && scale == 0) {
            return DecimalType.SYSTEM_DEFAULT;
        }
        if (scale < 0) {
            return DataTypes.createDecimalType(Math.min(precision - scale, DecimalType.MAX_PRECISION), 0);
        }
        int p = Math.min(Math.max(precision, scale), DecimalType.MAX_PRECISION);
        return DataTypes.createDecimalType(p, Math.min(scale, p));
    }

    /**
     * The SQL type a column of engine type {@code type} gets in {@code CREATE TABLE}, as Spark's
     * {@code getCommonJDBCType}.
     *
     * @throws SluiceException ({@code _LEGACY_ERROR_TEMP_2082}) for types with no SQL equivalent (arrays, ...)
     */
    String sqlType(DataType type) {
        if (type instanceof IntegerType) {
            return "INTEGER";
        } else if (type instanceof LongType) {
            return "BIGINT";
        } else if (type instanceof DoubleType) {
            return "DOUBLE PRECISION";
        } else if (type instanceof FloatType) {
            return "REAL";
        } else if (type instanceof ShortType) {
            return "INTEGER";
        } else if (type instanceof ByteType) {
            return "BYTE";
        } else if (type instanceof BooleanType) {
            return "BIT(1)";
        } else if (type instanceof StringType) {
            return "TEXT";
        } else if (type instanceof BinaryType) {
            return "BLOB";
        } else if (type instanceof TimestampType) {
            return "TIMESTAMP";
        } else if (type instanceof DateType) {
            return "DATE";
        } else if (type instanceof DecimalType d) {
            return "DECIMAL(" + d.precision() + "," + d.scale() + ")";
        }
        throw new SluiceException("_LEGACY_ERROR_TEMP_2082", "Can't get JDBC type for " + type.simpleString() + ".",
                null, null);
    }

    /** Whether {@code TRUNCATE TABLE} may cascade to other tables (then overwrite drops instead). */
    boolean truncateMayCascade() {
        return true;
    }

    /** The null-safe equality operator between two SQL operands, when the database has one. */
    String nullSafeEquals(String left, String right) {
        return "(" + left + " IS NOT DISTINCT FROM " + right + ")";
    }

    /**
     * A statement inserting a row or updating the row with the same {@code keys}, with one {@code ?} per column
     * in {@code columns} order: standard SQL {@code MERGE}.
     */
    String upsert(String table, List<String> columns, List<String> keys) {
        StringBuilder sql = new StringBuilder("MERGE INTO ").append(table).append(" t USING (SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("? AS ").append(quoteIdentifier(columns.get(i)));
        }
        sql.append(") s ON (");
        for (int i = 0; i < keys.size(); i++) {
            String k = quoteIdentifier(keys.get(i));
            sql.append(i == 0 ? "" : " AND ").append("t.").append(k).append(" = s.").append(k);
        }
        sql.append(") WHEN MATCHED THEN UPDATE SET ");
        boolean first = true;
        for (String column : columns) {
            if (!containsIgnoreCase(keys, column)) {
                String c = quoteIdentifier(column);
                sql.append(first ? "" : ", ").append("t.").append(c).append(" = s.").append(c);
                first = false;
            }
        }
        if (first) {
            // Only key columns: nothing to update; re-assigning the first key keeps MERGE syntactically whole.
            String c = quoteIdentifier(columns.get(0));
            sql.append("t.").append(c).append(" = s.").append(c);
        }
        sql.append(" WHEN NOT MATCHED THEN INSERT (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quoteIdentifier(columns.get(i)));
        }
        sql.append(") VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("s.").append(quoteIdentifier(columns.get(i)));
        }
        return sql.append(")").toString();
    }

    static boolean containsIgnoreCase(List<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
