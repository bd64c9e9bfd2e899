package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.plan.logical.ScanRelation;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch reads: Spark's type mapping against a real MariaDB, each read option, laziness, option errors. */
class JdbcReadTest extends JdbcTestSupport {
    @Test
    void mapsSqlTypesAsSparksMySqlDialect() {
        String t = table("types");
        execute("CREATE TABLE " + t + " (u BIGINT UNSIGNED, b BIGINT, i INT, iu INT UNSIGNED, m MEDIUMINT UNSIGNED,"
                + " s SMALLINT, su SMALLINT UNSIGNED, ti TINYINT, tu TINYINT UNSIGNED, flag TINYINT(1), bit1 BIT(1),"
                + " bits BIT(10), d DECIMAL(12,3), f FLOAT, db DOUBLE, v VARCHAR(20), c CHAR(3), tx TEXT,"
                + " bin VARBINARY(4), bl BLOB, dt DATE, ts TIMESTAMP NULL, dtm DATETIME(6), js JSON)",
                "INSERT INTO " + t + " VALUES (18446744073709551615, -5, -7, 4294967295, 16777215, -3, 65535, -128, 255,"
                + " 1, b'1', b'1000000001', 123456789.125, 1.5, 2.25, 'vé', 'abc', 'long text', x'01020304', x'ff',"
                + " '2022-05-13', '2022-05-13 13:36:58', '2022-05-14 01:02:03.456789', '{\"a\": 1}')",
                "INSERT INTO " + t + " (u) VALUES (NULL)");
        Dataset<Row> df = readTable(t);
        assertThat(df.schema().simpleString()).isEqualTo("struct<u:decimal(20,0),b:bigint,i:int,iu:bigint,m:int,"
                + "s:smallint,su:int,ti:tinyint,tu:smallint,flag:boolean,bit1:boolean,bits:bigint,d:decimal(12,3),"
                + "f:float,db:double,v:string,c:string,tx:string,bin:binary,bl:binary,dt:date,ts:timestamp,"
                + "dtm:timestamp,js:string>");
        assertThat(df.schema().fields()).allMatch(f -> f.nullable());
        List<Row> rows = df.orderBy(df.col("b")).collectAsList();
        Row r = rows.get(1).isNullAt(1) ? rows.get(0) : rows.get(1);
        assertThat(r.getDecimal(0)).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(r.getLong(1)).isEqualTo(-5L);
        assertThat(r.getInt(2)).isEqualTo(-7);
        assertThat(r.getLong(3)).isEqualTo(4294967295L);
        assertThat(r.getInt(4)).isEqualTo(16777215);
        assertThat(r.getShort(5)).isEqualTo((short) -3);
        assertThat(r.getInt(6)).isEqualTo(65535);
        assertThat(r.getByte(7)).isEqualTo((byte) -128);
        assertThat(r.getShort(8)).isEqualTo((short) 255);
        assertThat(r.getBoolean(9)).isTrue();
        assertThat(r.getBoolean(10)).isTrue();
        assertThat(r.getLong(11)).isEqualTo(513L);
        assertThat(r.getDecimal(12)).isEqualTo(new BigDecimal("123456789.125"));
        assertThat(r.getFloat(13)).isEqualTo(1.5f);
        assertThat(r.getDouble(14)).isEqualTo(2.25);
        assertThat(r.getString(15)).isEqualTo("vé");
        assertThat(r.getString(16)).isEqualTo("abc");
        assertThat(r.getString(17)).isEqualTo("long text");
        assertThat((byte[]) r.getAs(18)).containsExactly(1, 2, 3, 4);
        assertThat((byte[]) r.getAs(19)).containsExactly(0xff);
        assertThat(r.getDate(20).toLocalDate()).isEqualTo(LocalDate.of(2022, 5, 13));
        assertThat(r.getTimestamp(21).toInstant()).isEqualTo(Instant.parse("2022-05-13T13:36:58Z"));
        assertThat(r.getTimestamp(22).toInstant()).isEqualTo(Instant.parse("2022-05-14T01:02:03.456789Z"));
        assertThat(r.getString(23)).contains("\"a\"");
        Row nulls = rows.get(1).isNullAt(1) ? rows.get(1) : rows.get(0);
        for (int i = 0; i < nulls.length(); i++) {
            assertThat(nulls.isNullAt(i)).as("column %d", i).isTrue();
        }
    }

    @Test
    void readsLazilyWhenThePlanRuns() {
        String t = table("lazy");
        execute("CREATE TABLE " + t + " (id INT)", "INSERT INTO " + t + " VALUES (1)");
        Dataset<Row> df = readTable(t);
        assertThat(df.logicalPlan()).isInstanceOf(ScanRelation.class);
        assertThat(((ScanRelation) df.logicalPlan()).rescanEachBatch()).isFalse();
        execute("INSERT INTO " + t + " VALUES (2)");
        assertThat(df.count()).isEqualTo(2);
        execute("INSERT INTO " + t + " VALUES (3)");
        assertThat(sortedRows(df)).containsExactly("[1]", "[2]", "[3]");
    }

    @Test
    void refreshEachBatchMarksTheRelationForRereading() {
        String t = table("refresh");
        execute("CREATE TABLE " + t + " (id INT)");
        Dataset<Row> df = reader().option("dbtable", t).option("refreshEachBatch", "true").load();
        assertThat(((ScanRelation) df.logicalPlan()).rescanEachBatch()).isTrue();
        assertThat(df.logicalPlan().treeString()).contains("re-read each batch");
    }

    @Test
    void queryOptionReadsASubquery() {
        String t = table("q");
        execute("CREATE TABLE " + t + " (id INT, name VARCHAR(10))", "INSERT INTO " + t + " VALUES (1,'a'),(2,'b')");
        Dataset<Row> df = reader().option("query", "SELECT name, id * 10 AS ten FROM " + t).load();
        assertThat(df.schema().fieldNames()).containsExactly("name", "ten");
        assertThat(sortedRows(df)).containsExactly("[a,10]", "[b,20]");
    }

    @Test
    void jdbcShortcutsTakeConnectionProperties() {
        String t = table("short");
        execute("CREATE TABLE " + t + " (id INT)", "INSERT INTO " + t + " VALUES (1),(2),(3),(4)");
        assertThat(spark.read().jdbc(url(), t, credentials()).count()).isEqualTo(4);
        assertThat(spark.read().jdbc(url(), t, "id", 1, 4, 2, credentials()).count()).isEqualTo(4);
    }

    @Test
    void fetchsizeDriverAndSessionInitStatementApply() {
        String t = table("init");
        execute("CREATE TABLE " + t + " (id INT)", "INSERT INTO " + t + " VALUES (1),(2),(3)");
        Dataset<Row> df = reader().option("driver", "org.mariadb.jdbc.Driver").option("fetchsize", "1")
                .option("sessionInitStatement", "SET @sluice_marker = 42")
                .option("query", "SELECT id, CAST(@sluice_marker AS SIGNED) AS marker FROM " + t).load();
        assertThat(sortedRows(df)).containsExactly("[1,42]", "[2,42]", "[3,42]");
    }

    @Test
    void customSchemaReplacesTheTypesOfTheColumnsItNames() {
        String t = table("custom");
        execute("CREATE TABLE " + t + " (id BIGINT UNSIGNED, name VARCHAR(10), n INT)",
                "INSERT INTO " + t + " VALUES (7, 'x', 3)");
        Dataset<Row> df = reader().option("dbtable", t).option("customSchema", "ID bigint, n STRING, missing int")
                .load();
        assertThat(df.schema().simpleString()).isEqualTo("struct<id:bigint,name:string,n:string>");
        assertThat(sortedRows(df)).containsExactly("[7,x,3]");
    }

    @Test
    void optionErrorsUseSparksTexts() {
        assertThatThrownBy(() -> spark.read().format("jdbc").option("dbtable", "t").load())
                .isInstanceOf(AnalysisException.class).hasMessageContaining("Option 'url' is required.");
        assertThatThrownBy(() -> reader().option("dbtable", "t").option("query", "select 1").load())
                .hasMessageContaining("Both 'dbtable' and 'query' can not be specified at the same time.");
        assertThatThrownBy(() -> reader().load()).hasMessageContaining("Option 'dbtable' or 'query' is required.");
        assertThatThrownBy(() -> reader().option("dbtable", "t").option("partitionColumn", "id").load())
                .hasMessageContaining("users need to specify all or none for the following options: 'partitionColumn',"
                        + " 'lowerBound', 'upperBound', and 'numPartitions'");
        assertThatThrownBy(() -> reader().option("query", "select 1 as id").option("partitionColumn", "id")
                .option("lowerBound", 0).option("upperBound", 9).option("numPartitions", 2).load())
                .hasMessageContaining("Options 'query' and 'partitionColumn' can not be specified together.");
        assertThatThrownBy(() -> reader().option("dbtable", "t").option("pushDownPredicate", "maybe").load())
                .hasMessageContaining("pushDownPredicate");
        assertThatThrownBy(() -> reader().schema("a INT").option("dbtable", "t").load())
                .hasMessageContaining("jdbc does not allow user-specified schemas.");
    }

    @Test
    void runtimeErrorsNameTheTableAndOption() {
        assertThatThrownBy(() -> readTable("no_such_table")).isInstanceOf(SluiceException.class)
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> reader().option("dbtable", "t").option("driver", "com.example.NoDriver").load())
                .hasMessageContaining("com.example.NoDriver").hasMessageContaining("option 'driver'");
        String t = table("badcol");
        execute("CREATE TABLE " + t + " (id INT)");
        assertThatThrownBy(() -> reader().option("dbtable", t).option("partitionColumn", "nope")
                .option("lowerBound", 0).option("upperBound", 9).option("numPartitions", 2).load())
                .hasMessageContaining("User-defined partition column nope not found in the JDBC relation");
        // as in Spark, the bounds are checked once the partition column's type is known
        assertThatThrownBy(() -> reader().option("dbtable", t).option("partitionColumn", "id")
                .option("lowerBound", 10).option("upperBound", 0).option("numPartitions", 2).load())
                .hasMessageContaining("the lower bound of partitioning column is larger than the upper bound."
                        + " Lower bound: 10; Upper bound: 0");
    }
}
