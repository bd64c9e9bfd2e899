package dev.sluice.connectors.jdbc;

import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.StringType;
import java.sql.Types;
import java.util.List;

/**
 * MySQL and MariaDB, as Spark's {@code MySQLDialect} (which Sluice also applies to {@code jdbc:mariadb:}
 * URLs): back-quoted identifiers; BIT(n>1) read as a long, unsigned TINYINT/SMALLINT widened, FLOAT unsigned
 * as double; strings written as LONGTEXT, floats as FLOAT, bytes as TINYINT; upserts as
 * {@code INSERT ... ON DUPLICATE KEY UPDATE}. Stateless.
 */
final class MySqlDialect extends JdbcDialect {
    static final MySqlDialect INSTANCE = new MySqlDialect();

    private MySqlDialect() {
    }

    @Override
    String quoteIdentifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Override
    DataType engineType(String column, int sqlType, String typeName, int precision, int scale, boolean signed) {
        if ((sqlType == Types.VARBINARY && "BIT".equalsIgnoreCase(typeName) && precision != 1)
                || (sqlType == Types.BIT && precision > 1)) {
            return DataTypes.LongType;
        }
        return switch (sqlType) {
            case Types.TINYINT -> signed ? DataTypes.ByteType : DataTypes.ShortType;
            case Types.SMALLINT -> signed ? DataTypes.ShortType : DataTypes.IntegerType;
            case Types.INTEGER -> "MEDIUMINT UNSIGNED".equalsIgnoreCase(typeName) || signed ? DataTypes.IntegerType
                    : DataTypes.LongType;
            case Types.REAL, Types.FLOAT -> signed ? DataTypes.FloatType : DataTypes.DoubleType;
            default -> super.engineType(column, sqlType, typeName, precision, scale, signed);
        };
    }

    @Override
    String sqlType(DataType type) {
        if (type instanceof FloatType) {
            return "FLOAT";
        } else if (type instanceof StringType) {
            return "LONGTEXT";
        } else if (type instanceof ByteType) {
            return "TINYINT";
        }
        return super.sqlType(type);
    }

    @Override
    boolean truncateMayCascade() {
        return false;
    }

    @Override
    String nullSafeEquals(String left, String right) {
        return "(" + left + " <=> " + right + ")";
    }

    @Override
    String upsert(String table, List<String> columns, List<String> keys) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quoteIdentifier(columns.get(i)));
        }
        sql.append(") VALUES (").append("?, ".repeat(columns.size() - 1)).append("?) ON DUPLICATE KEY UPDATE ");
        boolean first = true;
        for (String column : columns) {
            if (!containsIgnoreCase(keys, column)) {
                String c = quoteIdentifier(column);
                sql.append(first ? "" : ", ").append(c).append(" = VALUES(").append(c).append(")");
                first = false;
            }
        }
        if (first) {
            // Only key columns: a no-op assignment keeps the duplicate a silent success.
            String c = quoteIdentifier(columns.get(0));
            sql.append(c).append(" = ").append(c);
        }
        return sql.toString();
    }
}
