package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch writes: every save mode, the table options, transactions, and engine → SQL types round trips. */
class JdbcWriteTest extends JdbcTestSupport {
    private Dataset<Row> ids(int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(RowFactory.create(i, "n" + i));
        }
        return spark.createDataFrame(rows, StructType.fromDDL("id INT, name STRING"));
    }

    private dev.sluice.sql.DataFrameWriter<Row> writer(Dataset<Row> ds, String table) {
        return ds.write().format("jdbc").option("url", url()).option("dbtable", table).option("user", USER)
                .option("password", PASSWORD);
    }

    private List<List<String>> columnTypes(String table) {
        return query("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA"
                + " = '" + database + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION");
    }

    @Test
    void engineTypesBecomeSparksSqlTypesAndRoundTrip() {
        String t = table("types_out");
        StructType schema = StructType.fromDDL("i INT NOT NULL, l BIGINT, d DOUBLE, f FLOAT, s SMALLINT, b TINYINT,"
                + " flag BOOLEAN, str STRING, bin BINARY, ts TIMESTAMP, dt DATE, dec DECIMAL(20,0)");
        Timestamp ts = Timestamp.from(Instant.parse("2022-05-17T12:15:00.123456Z"));
        List<Row> rows = List.of(
                RowFactory.create(1, 2L, 1.25, 2.5f, (short) 3, (byte) 4, true, "vé", new byte[] {9, 8}, ts,
                        Date.valueOf("2022-05-13"), new BigDecimal("18446744073709551615")),
                RowFactory.create(2, null, null, null, null, null, null, null, null, null, null, null));
        writer(spark.createDataFrame(rows, schema), t).save();
        assertThat(columnTypes(t)).containsExactly(List.of("i", "int(11)", "NO"), List.of("l", "bigint(20)", "YES"),
                List.of("d", "double", "YES"), List.of("f", "float", "YES"), List.of("s", "int(11)", "YES"),
                List.of("b", "tinyint(4)", "YES"), List.of("flag", "bit(1)", "YES"), List.of("str", "longtext", "YES"),
                List.of("bin", "blob", "YES"), List.of("ts", "timestamp", "YES"), List.of("dt", "date", "YES"),
                List.of("dec", "decimal(20,0)", "YES"));
        List<String> back = sortedRows(readTable(t));
        assertThat(back).hasSize(2);
        Row first = readTable(t).orderBy("i").collectAsList().get(0);
        assertThat(first.getInt(0)).isEqualTo(1);
        assertThat(first.getLong(1)).isEqualTo(2L);
        assertThat(first.getDouble(2)).isEqualTo(1.25);
        assertThat(first.getFloat(3)).isEqualTo(2.5f);
        assertThat(first.getInt(4)).isEqualTo(3);
        assertThat(first.getByte(5)).isEqualTo((byte) 4);
        assertThat(first.getBoolean(6)).isTrue();
        assertThat(first.getString(7)).isEqualTo("vé");
        assertThat((byte[]) first.getAs(8)).containsExactly(9, 8);
        // MariaDB TIMESTAMP keeps seconds unless declared TIMESTAMP(6), as with Spark's generated DDL
        assertThat(first.getTimestamp(9).toInstant()).isEqualTo(Instant.parse("2022-05-17T12:15:00Z"));
        assertThat(first.getDate(10)).isEqualTo(Date.valueOf("2022-05-13"));
        assertThat(first.getDecimal(11)).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(readTable(t).orderBy("i").collectAsList().get(1).anyNull()).isTrue();
    }

    @Test
    void saveModesFollowSpark() {
        String t = table("modes");
        writer(ids(0, 3), t).save();
        assertThat(query("SELECT COUNT(*) FROM " + t)).containsExactly(List.of("3"));
        assertThatThrownBy(() -> writer(ids(0, 3), t).save()).isInstanceOf(AnalysisException.class)
                .hasMessage("Table or view '" + t + "' already exists. SaveMode: ErrorIfExists.");
        writer(ids(3, 5), t).mode(SaveMode.Append).save();
        assertThat(query("SELECT COUNT(*) FROM " + t)).containsExactly(List.of("5"));
        writer(ids(100, 200), t).mode("ignore").save();
        assertThat(query("SELECT COUNT(*) FROM " + t)).containsExactly(List.of("5"));
        writer(ids(7, 9), t).mode(SaveMode.Overwrite).save();
        assertThat(query("SELECT id FROM " + t + " ORDER BY id")).containsExactly(List.of("7"), List.of("8"));
        String ignored = table("ignored_new");
        writer(ids(0, 2), ignored).mode(SaveMode.Ignore).save();
        assertThat(query("SELECT COUNT(*) FROM " + ignored)).containsExactly(List.of("2"));
    }

    @Test
    void overwriteWithTruncateKeepsTheTableDefinition() {
        String t = table("trunc");
        execute("CREATE TABLE " + t + " (id INT, name VARCHAR(20)) ENGINE=MyISAM COMMENT='keep me'",
                "INSERT INTO " + t + " VALUES (1, 'old')");
        writer(ids(5, 7), t).mode(SaveMode.Overwrite).option("truncate", true).save();
        assertThat(query("SELECT ENGINE, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + database + "' AND TABLE_NAME = '" + t + "'")).containsExactly(List.of("MyISAM", "keep me"));
        assertThat(columnTypes(t).get(1).get(1)).isEqualTo("varchar(20)");
        assertThat(query("SELECT id FROM " + t + " ORDER BY id")).containsExactly(List.of("5"), List.of("6"));
        writer(ids(8, 9), t).mode(SaveMode.Overwrite).save();
        assertThat(query("SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + database
                + "' AND TABLE_NAME = '" + t + "'")).containsExactly(List.of("InnoDB"));
    }

    @Test
    void createTableOptionsAndColumnTypesShapeTheNewTable() {
        String t = table("created");
        writer(ids(0, 2), t).option("createTableOptions", "ENGINE=MyISAM COMMENT='from sluice'")
                .option("createTableColumnTypes", "name VARCHAR(64), `id` DECIMAL(10, 0)").save();
        assertThat(query("SELECT ENGINE, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + database + "' AND TABLE_NAME = '" + t + "'")).containsExactly(List.of("MyISAM", "from sluice"));
        assertThat(columnTypes(t)).extracting(r -> r.get(1)).containsExactly("decimal(10,0)", "varchar(64)");
        assertThatThrownBy(() -> writer(ids(0, 1), table("bad")).option("createTableColumnTypes", "nope INT").save())
                .hasMessageContaining("createTableColumnTypes option column nope not found in schema");
    }

    @Test
    void rowsGoInOneTransactionInBatchesOfBatchsize() {
        String t = table("tx");
        execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, name VARCHAR(20))", "INSERT INTO " + t + " VALUES (4, 'x')");
        // row 4 collides with the existing key after several batches of 2 were sent: all of them are rolled back
        assertThatThrownBy(() -> writer(ids(0, 6), t).mode(SaveMode.Append).option("batchsize", 2).save())
                .isInstanceOf(JdbcConnectorException.class).hasMessageContaining("Could not write rows to table " + t);
        assertThat(query("SELECT COUNT(*) FROM " + t)).containsExactly(List.of("1"));
        // without a transaction the batches sent before the failure stay
        assertThatThrownBy(() -> writer(ids(0, 6), t).mode(SaveMode.Append).option("batchsize", 2)
                .option("isolationLevel", "NONE").save()).isInstanceOf(JdbcConnectorException.class);
        assertThat(Integer.parseInt(query("SELECT COUNT(*) FROM " + t).get(0).get(0))).isGreaterThan(1);
        assertThatThrownBy(() -> writer(ids(0, 1), t).option("batchsize", 0).save())
                .hasMessageContaining("Invalid value `0` for parameter `batchsize` in table writing via JDBC. The"
                        + " minimum value is 1.");
        assertThatThrownBy(() -> writer(ids(0, 1), t).option("isolationLevel", "SOMETIMES").save())
                .hasMessageContaining("isolationLevel");
    }

    @Test
    void theJdbcShortcutWritesWithTheWritersMode() {
        String t = table("shortcut");
        ids(0, 4).write().jdbc(url(), t, credentials());
        ids(4, 5).write().mode("append").jdbc(url(), t, credentials());
        assertThat(query("SELECT COUNT(*) FROM " + t)).containsExactly(List.of("5"));
        assertThatThrownBy(() -> spark.createDataFrame(List.of(RowFactory.create(List.of(1))),
                new StructType().add("a", DataTypes.createArrayType(DataTypes.IntegerType))).write()
                .jdbc(url(), table("arr"), credentials())).hasMessage("Can't get JDBC type for array<int>.");
    }
}
