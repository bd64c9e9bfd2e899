package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.DataTypes;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statements and type mappings each dialect generates (the MySQL ones also run against MariaDB elsewhere). */
class JdbcDialectTest {
    @Test
    void urlsPickTheirDialect() {
        assertThat(JdbcDialect.forUrl("jdbc:mariadb://h/db")).isSameAs(MySqlDialect.INSTANCE);
        assertThat(JdbcDialect.forUrl("JDBC:MySQL://h/db")).isSameAs(MySqlDialect.INSTANCE);
        assertThat(JdbcDialect.forUrl("jdbc:postgresql://h/db")).isSameAs(JdbcDialect.GENERIC);
    }

    @Test
    void upsertsAreOnDuplicateKeyForMySqlAndMergeElsewhere() {
        assertThat(MySqlDialect.INSTANCE.upsert("t", List.of("id", "name", "n"), List.of("id")))
                .isEqualTo("INSERT INTO t (`id`, `name`, `n`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                        + " `name` = VALUES(`name`), `n` = VALUES(`n`)");
        assertThat(JdbcDialect.GENERIC.upsert("t", List.of("id", "name"), List.of("ID")))
                .isEqualTo("MERGE INTO t t USING (SELECT ? AS \"id\", ? AS \"name\") s ON (t.\"ID\" = s.\"ID\")"
                        + " WHEN MATCHED THEN UPDATE SET t.\"name\" = s.\"name\" WHEN NOT MATCHED THEN INSERT"
                        + " (\"id\", \"name\") VALUES (s.\"id\", s.\"name\")");
        assertThat(MySqlDialect.INSTANCE.upsert("t", List.of("id"), List.of("id")))
                .endsWith("ON DUPLICATE KEY UPDATE `id` = `id`");
    }

    @Test
    void genericTypesFollowSparksJdbcUtils() {
        JdbcDialect g = JdbcDialect.GENERIC;
        assertThat(g.engineType("c", Types.TINYINT, "TINYINT", 3, 0, true)).isEqualTo(DataTypes.IntegerType);
        assertThat(g.engineType("c", Types.SMALLINT, "SMALLINT", 5, 0, true)).isEqualTo(DataTypes.IntegerType);
        assertThat(g.engineType("c", Types.NUMERIC, "NUMERIC", 0, 0, true)).isEqualTo(DataTypes.createDecimalType(38, 18));
        assertThat(g.engineType("c", Types.NUMERIC, "NUMERIC", 50, 60, true)).isEqualTo(DataTypes.createDecimalType(38, 38));
        assertThat(g.engineType("c", Types.REAL, "REAL", 0, 0, true)).isEqualTo(DataTypes.DoubleType);
        assertThat(g.sqlType(DataTypes.StringType)).isEqualTo("TEXT");
        assertThat(g.sqlType(DataTypes.ByteType)).isEqualTo("BYTE");
        assertThat(g.sqlType(DataTypes.FloatType)).isEqualTo("REAL");
        assertThat(g.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(MySqlDialect.INSTANCE.quoteIdentifier("a`b")).isEqualTo("`a``b`");
    }
}
