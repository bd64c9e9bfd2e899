package dev.sluice.connectors.jdbc;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.ScanRelation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Parallel range reads (Spark's strides, same rows as one read) and predicate pushdown (the WHERE clause
 * reaches the server, seen in its general query log; results equal the engine-only filter).
 */
class JdbcPartitionAndPushdownTest extends JdbcTestSupport {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static List<String> clauses(DataType type, String lower, String upper, int partitions, ZoneId zone) {
        JdbcOptions options = new JdbcOptions(Map.of("url", "jdbc:x:", "dbtable", "t", "partitionColumn", "c",
                "lowerBound", lower, "upperBound", upper, "numPartitions", Integer.toString(partitions)));
        return JdbcPartitioning.whereClauses(options, List.of(new JdbcColumn("c", type, java.sql.Types.OTHER)),
                MySqlDialect.INSTANCE, zone);
    }

    private String people() {
        String t = table("people");
        String values = IntStream.range(0, 100).mapToObj(i -> "(" + i + ", " + (i % 7 == 0 ? "NULL" : "'n" + i + "'")
                + ", " + (i % 3) + ")").collect(Collectors.joining(","));
        execute("CREATE TABLE " + t + " (id INT, name VARCHAR(10), grp INT)", "INSERT INTO " + t + " VALUES " + values,
                "INSERT INTO " + t + " VALUES (NULL, 'nullid', 1), (-50, 'below', 2), (500, 'above', 0)");
        return t;
    }

    @Test
    void stridesFollowSparksRules() {
        JdbcOptions options = new JdbcOptions(java.util.Map.of("url", "jdbc:x:", "dbtable", "t", "partitionColumn",
                "id", "lowerBound", "0", "upperBound", "100", "numPartitions", "4"));
        List<JdbcColumn> columns = List.of(new JdbcColumn("id", dev.sluice.sql.types.DataTypes.IntegerType,
                java.sql.Types.INTEGER));
        assertThat(JdbcPartitioning.whereClauses(options, columns, MySqlDialect.INSTANCE, UTC)).containsExactly(
                "`id` < 25 or `id` is null", "`id` >= 25 AND `id` < 50", "`id` >= 50 AND `id` < 75", "`id` >= 75");
        JdbcOptions narrow = new JdbcOptions(java.util.Map.of("url", "jdbc:x:", "dbtable", "t", "partitionColumn",
                "id", "lowerBound", "0", "upperBound", "3", "numPartitions", "10"));
        assertThat(JdbcPartitioning.whereClauses(narrow, columns, MySqlDialect.INSTANCE, UTC)).hasSize(3);
        JdbcOptions equal = new JdbcOptions(java.util.Map.of("url", "jdbc:x:", "dbtable", "t", "partitionColumn",
                "id", "lowerBound", "5", "upperBound", "5", "numPartitions", "10"));
        assertThat(JdbcPartitioning.whereClauses(equal, columns, MySqlDialect.INSTANCE, UTC)).containsExactly((String) null);
    }

    @Test
    void truncatedStridesAreCentredAsSparkDoes() {
        // stride 10/4 = 2.5 truncates to 2; the 4 * 0.5 lost values move the start up by half of them
        assertThat(clauses(DataTypes.LongType, "0", "10", 4, UTC)).containsExactly("`c` < 3 or `c` is null",
                "`c` >= 3 AND `c` < 5", "`c` >= 5 AND `c` < 7", "`c` >= 7");
        // Spark partitions every numeric column with integer limits
        assertThat(clauses(DataTypes.DoubleType, "0", "100", 2, UTC))
                .containsExactly("`c` < 50 or `c` is null", "`c` >= 50");
    }

    @Test
    void dateAndTimestampBoundsGiveSparksClauses() {
        // the expectations of Spark's own date/timestamp partition tests
        assertThat(clauses(DataTypes.DateType, "2018-07-06", "2018-07-20", 3, UTC)).containsExactly(
                "`c` < '2018-07-11' or `c` is null", "`c` >= '2018-07-11' AND `c` < '2018-07-15'",
                "`c` >= '2018-07-15'");
        assertThat(clauses(DataTypes.TimestampType, "2018-07-04 03:30:00.0", "2018-07-27 14:11:05.0", 2, UTC))
                .containsExactly("`c` < '2018-07-15 20:50:32.5' or `c` is null", "`c` >= '2018-07-15 20:50:32.5'");
        // bounds are read, and limits written, in the session time zone: the same wall clock in any zone
        assertThat(clauses(DataTypes.TimestampType, "2018-07-04 03:30:00.0", "2018-07-27 14:11:05.0", 2,
                ZoneId.of("America/New_York"))).containsExactly("`c` < '2018-07-15 20:50:32.5' or `c` is null",
                "`c` >= '2018-07-15 20:50:32.5'");
        // a bound with a zone is an instant, shown in the session zone
        assertThat(clauses(DataTypes.TimestampType, "2020-01-01T00:00:00Z", "2020-01-03T00:00:00Z", 2,
                ZoneId.of("Europe/Madrid"))).containsExactly("`c` < '2020-01-02 01:00:00' or `c` is null",
                "`c` >= '2020-01-02 01:00:00'");
        // fewer days than partitions: one partition per day
        assertThat(clauses(DataTypes.DateType, "2024-02-28", "2024-03-01", 5, UTC)).containsExactly(
                "`c` < '2024-02-29' or `c` is null", "`c` >= '2024-02-29'");
        assertThat(clauses(DataTypes.DateType, "2024-02-28", "2024-02-28 10:00", 5, UTC))
                .containsExactly((String) null);
    }

    @Test
    void badBoundsAndColumnTypesFailWithSparksTexts() {
        assertThatThrownBy(() -> clauses(DataTypes.DateType, "yesterday", "2018-07-20", 3, UTC))
                .hasMessageContaining("Cannot parse the bound value yesterday as date");
        assertThatThrownBy(() -> clauses(DataTypes.TimestampType, "2018-07-04", "2018-13-01 00:00:00", 3, UTC))
                .hasMessageContaining("Cannot parse the bound value 2018-13-01 00:00:00 as timestamp");
        assertThatThrownBy(() -> clauses(DataTypes.DateType, "2018-07-20", "2018-07-06", 3, UTC))
                .hasMessageContaining("Operation not allowed: the lower bound of partitioning column is larger than"
                        + " the upper bound. Lower bound: 17732; Upper bound: 17718");
        assertThatThrownBy(() -> clauses(DataTypes.StringType, "a", "z", 3, UTC))
                .hasMessageContaining("Partition column type should be numeric, date, or timestamp, but string found.");
        assertThatThrownBy(() -> clauses(DataTypes.IntegerType, "2018-07-06", "9", 3, UTC))
                .hasMessageContaining("lowerBound").hasMessageContaining("2018-07-06");
    }

    @Test
    void dateAndTimestampPartitionedReadsReturnTheRowsOfAnUnpartitionedOne() {
        String t = table("events");
        String values = IntStream.range(0, 60).mapToObj(i -> "(" + i + ", DATE '2018-07-01' + INTERVAL " + i
                + " DAY, TIMESTAMP '2018-07-01 00:00:00.250' + INTERVAL " + (i * 7) + " HOUR)")
                .collect(Collectors.joining(","));
        execute("CREATE TABLE " + t + " (id INT, d DATE, ts DATETIME(3))", "INSERT INTO " + t + " VALUES " + values,
                "INSERT INTO " + t + " VALUES (60, NULL, NULL)");
        for (String zone : List.of("UTC", "America/New_York")) {
            spark.conf().set("spark.sql.session.timeZone", zone);
            Dataset<Row> whole = readTable(t);
            Dataset<Row> byDate = reader().option("dbtable", t).option("partitionColumn", "d")
                    .option("lowerBound", "2018-07-06").option("upperBound", "2018-07-20").option("numPartitions", 3)
                    .load();
            Dataset<Row> byTime = reader().option("dbtable", t).option("partitionColumn", "ts")
                    .option("lowerBound", "2018-07-04 03:30:00.0").option("upperBound", "2018-07-27 14:11:05.0")
                    .option("numPartitions", 4).load();
            assertThat(byDate.logicalPlan().treeString()).contains("[numPartitions=3]");
            assertThat(byTime.logicalPlan().treeString()).contains("[numPartitions=4]");
            assertThat(sortedRows(byDate)).hasSize(61).isEqualTo(sortedRows(whole));
            assertThat(sortedRows(byTime)).hasSize(61).isEqualTo(sortedRows(whole));
        }
    }

    @Test
    void dateLimitsReachTheServerAsSparkWritesThem() {
        String t = table("days");
        execute("CREATE TABLE " + t + " (d DATE)", "INSERT INTO " + t + " VALUES ('2018-07-05'), ('2018-07-12'),"
                + " ('2018-07-30'), (NULL)", "SET GLOBAL log_output = 'TABLE'", "SET GLOBAL general_log = 1");
        try {
            List<String> rows = sortedRows(reader().option("dbtable", t).option("partitionColumn", "d")
                    .option("lowerBound", "2018-07-06").option("upperBound", "2018-07-20").option("numPartitions", 3)
                    .load());
            assertThat(rows).containsExactly("[2018-07-05]", "[2018-07-12]", "[2018-07-30]", "[null]");
            List<String> log = query("SELECT argument FROM mysql.general_log WHERE argument LIKE 'SELECT%FROM " + t
                    + " WHERE%'").stream().map(r -> r.get(0)).toList();
            assertThat(log).anySatisfy(sql -> assertThat(sql).endsWith("WHERE (`d` < '2018-07-11' or `d` is null)"))
                    .anySatisfy(sql -> assertThat(sql).endsWith("WHERE (`d` >= '2018-07-11' AND `d` < '2018-07-15')"))
                    .anySatisfy(sql -> assertThat(sql).endsWith("WHERE (`d` >= '2018-07-15')"));
        } finally {
            execute("SET GLOBAL general_log = 0");
        }
    }

    @Test
    void aPartitionedReadReturnsTheRowsOfAnUnpartitionedOne() {
        String t = people();
        Dataset<Row> whole = readTable(t);
        Dataset<Row> parts = reader().option("dbtable", t).option("partitionColumn", "id").option("lowerBound", 0)
                .option("upperBound", 100).option("numPartitions", 5).load();
        assertThat(parts.logicalPlan().treeString()).contains("[numPartitions=5]");
        assertThat(sortedRows(parts)).hasSize(103).isEqualTo(sortedRows(whole));
        assertThat(sortedRows(parts.filter(col("grp").equalTo(1))))
                .isEqualTo(sortedRows(whole.filter(col("grp").equalTo(1))));
    }

    @Test
    void partitionsAreReadConcurrently() {
        String t = people();
        String arrivals = table("arrivals");
        execute("CREATE TABLE " + arrivals + " (connection BIGINT)");
        // A barrier in the database: each partition's connection registers, then waits (at most 30 s) until both
        // partitions have; @met tells its query whether the other partition's connection was there meanwhile.
        String barrier = "BEGIN NOT ATOMIC DECLARE i INT DEFAULT 0; INSERT INTO " + arrivals
                + " VALUES (CONNECTION_ID()); WHILE (SELECT COUNT(*) FROM " + arrivals + ") < 2 AND i < 600 DO"
                + " DO SLEEP(0.05); SET i = i + 1; END WHILE; SET @met = (SELECT COUNT(*) FROM " + arrivals
                + ") >= 2; END";
        Dataset<Row> df = reader().option("dbtable", "(SELECT id, CAST(@met AS SIGNED) AS met FROM " + t + ") x")
                .option("partitionColumn", "id").option("lowerBound", 0).option("upperBound", 100)
                .option("numPartitions", 2).option("sessionInitStatement", barrier).load();
        List<Row> rows = df.collectAsList();
        assertThat(rows).hasSize(103).allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(1L));
        assertThat(query("SELECT COUNT(DISTINCT connection) FROM " + arrivals)).containsExactly(List.of("2"));
    }

    @Test
    void simpleFiltersArePushedAndReachTheServer() {
        String t = people();
        execute("SET GLOBAL log_output = 'TABLE'", "SET GLOBAL general_log = 1");
        try {
            Dataset<Row> pushed = readTable(t).filter(col("id").gt(90).and(col("name").isNotNull())
                    .or(col("grp").isin(7, 8)));
            String plan = pushed.logicalPlan().treeString();
            assertThat(plan).contains("PushedFilters: [").contains("WHERE (((`id` > ? AND `name` IS NOT NULL) OR `grp`"
                    + " IN (?, ?)))");
            assertThat(pushed.explainString(false)).contains("PushedFilters");
            assertThat(sortedRows(pushed)).containsExactlyElementsOf(sortedRows(
                    reader().option("dbtable", t).option("pushDownPredicate", false).load()
                            .filter(col("id").gt(90).and(col("name").isNotNull()).or(col("grp").isin(7, 8)))));
            assertThat(sortedRows(pushed)).hasSize(8);
            List<List<String>> log = query("SELECT argument FROM mysql.general_log WHERE argument LIKE 'SELECT%FROM "
                    + t + " WHERE%'");
            assertThat(log).extracting(r -> r.get(0)).anySatisfy(sql ->
                    assertThat(sql).contains("WHERE (((`id` > 90 AND `name` IS NOT NULL) OR `grp` IN (7, 8)))"));
        } finally {
            execute("SET GLOBAL general_log = 0");
        }
    }

    @Test
    void pushdownCanBeTurnedOffAndUnsupportedPartsStayInTheEngine() {
        String t = people();
        Dataset<Row> off = reader().option("dbtable", t).option("pushDownPredicate", "false").load()
                .filter(col("id").gt(90));
        assertThat(off.logicalPlan().treeString()).contains("PushedFilters: []");
        Dataset<Row> partly = readTable(t).filter(col("id").lt(5).and(col("id").plus(lit(1)).equalTo(3)));
        assertThat(((ScanRelation) ((Filter) partly.logicalPlan()).child()).scan().describe())
                .contains("WHERE (`id` < ?)").doesNotContain("+");
        assertThat(sortedRows(partly)).containsExactly("[2,n2,2]");
        Dataset<Row> twice = readTable(t).filter(col("id").lt(20)).filter(col("grp").equalTo(0));
        assertThat(twice.logicalPlan().treeString()).contains("WHERE (`id` < ?) AND (`grp` = ?)");
        assertThat(sortedRows(twice)).hasSize(7);
    }

    @Test
    void stringFiltersNeverLoseRowsToACaseInsensitiveCollation() {
        String t = table("ci");
        execute("CREATE TABLE " + t + " (name VARCHAR(10)) COLLATE utf8mb4_general_ci",
                "INSERT INTO " + t + " VALUES ('Aitor'), ('aitor'), ('Bea'), ('a')");
        // the server says 'Aitor' = 'aitor'; the engine re-applies the filter and keeps only the exact match
        assertThat(sortedRows(readTable(t).filter(col("name").equalTo("aitor")))).containsExactly("[aitor]");
        // ordering and negation of strings stay in the engine: byte order puts 'Bea' before 'a'
        Dataset<Row> less = readTable(t).filter(col("name").lt("a"));
        assertThat(less.logicalPlan().treeString()).contains("PushedFilters: []");
        assertThat(sortedRows(less)).containsExactly("[Aitor]", "[Bea]");
        assertThat(sortedRows(readTable(t).filter(col("name").notEqual("aitor"))))
                .containsExactly("[Aitor]", "[Bea]", "[a]");
    }
}
