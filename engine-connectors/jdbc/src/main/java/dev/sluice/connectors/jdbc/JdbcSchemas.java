package dev.sluice.connectors.jdbc;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the columns of a table or query, as Spark does: runs {@code SELECT * FROM <table> WHERE 1=0} and maps
 * the result-set metadata through the dialect; option {@code customSchema} then replaces the types of the
 * columns it names (case-insensitively; names it has that the table lacks are ignored, as in Spark). Every
 * column is nullable, as Spark reads JDBC relations. Stateless.
 */
final class JdbcSchemas {
    private JdbcSchemas() {
    }

    /** The columns of {@code options}' table or query, read over {@code connection}. */
    static List<JdbcColumn> resolve(Connection connection, JdbcOptions options, JdbcDialect dialect) {
        String sql = "SELECT * FROM " + options.tableOrQuery + " WHERE 1=0";
        List<JdbcColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(options.queryTimeoutSeconds);
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnLabel(i);
                    int sqlType = md.getColumnType(i);
                    columns.add(new JdbcColumn(name, dialect.engineType(name, sqlType, md.getColumnTypeName(i),
                            md.getPrecision(i), md.getScale(i), md.isSigned(i)), sqlType));
                }
            }
        } catch (SQLException e) {
            throw JdbcConnectorException.of("GET_SCHEMA", "Could not read the columns of " + options.displayName(), e,
                    options);
        }
        return options.customSchema == null ? columns : withCustomSchema(columns, options.customSchema);
    }

    /** The engine schema of {@code columns} (all nullable). */
    static StructType schema(List<JdbcColumn> columns) {
        List<StructField> fields = new ArrayList<>();
        for (JdbcColumn c : columns) {
            fields.add(new StructField(c.name(), c.type(), true));
        }
        return new StructType(fields);
    }

    private static List<JdbcColumn> withCustomSchema(List<JdbcColumn> columns, String ddl) {
        StructType custom;
        try {
            custom = StructType.fromDDL(ddl);
        } catch (RuntimeException e) {
            throw JdbcOptions.invalid("Option 'customSchema' is not a valid schema (" + e.getMessage() + "): " + ddl);
        }
        Set<String> seen = new HashSet<>();
        for (StructField f : custom.fields()) {
            if (!seen.add(f.name().toLowerCase(Locale.ROOT))) {
                throw new AnalysisException("COLUMN_ALREADY_EXISTS", "The column `" + f.name().toLowerCase(Locale.ROOT)
                        + "` already exists. Choose another name or rename the existing column.", "42711");
            }
        }
        List<JdbcColumn> out = new ArrayList<>();
        for (JdbcColumn c : columns) {
            JdbcColumn replaced = c;
            for (StructField f : custom.fields()) {
                if (f.name().equalsIgnoreCase(c.name())) {
                    replaced = new JdbcColumn(c.name(), f.dataType(), c.sqlType());
                }
            }
            out.add(replaced);
        }
        return out;
    }
}
