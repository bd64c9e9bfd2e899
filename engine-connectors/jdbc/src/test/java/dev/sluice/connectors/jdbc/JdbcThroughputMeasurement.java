package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (it asserts only row counts): write and read throughput of the connector against the
 * embedded MariaDB, printed to stdout. Runs only with {@code -Dsluice.measure=true}:
 * {@code mvn -q -o test -pl engine-sql-lite,engine-core,testkit,engine-connectors -Dtest=JdbcThroughputMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsluice.measure=true}.
 */
@EnabledIfSystemProperty(named = "sluice.measure", matches = "true")
class JdbcThroughputMeasurement extends JdbcTestSupport {
    private static final int ROWS = 200_000;

    @Test
    void measure() {
        String t = table("throughput");
        Dataset<Row> data = spark.range(0, ROWS).selectExpr("id", "CAST(id % 1000 AS INT) AS k",
                "concat('name-', CAST(id AS STRING)) AS name", "CAST(id AS DOUBLE) / 3 AS v");
        data.count();
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            data.write().format("jdbc").option("url", url()).option("dbtable", t).option("user", USER)
                    .option("password", PASSWORD).mode("overwrite").save();
            report("write (batchsize 1000)", start);
            for (int partitions : new int[] {1, 4}) {
                start = System.nanoTime();
                long n = reader().option("dbtable", t).option("partitionColumn", "id").option("lowerBound", 0)
                        .option("upperBound", ROWS).option("numPartitions", partitions).load().count();
                report("read, " + partitions + " partition(s)", start);
                assertThat(n).isEqualTo(ROWS);
            }
        }
    }

    private static void report(String what, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-28s %8.0f rows/s (%.2f s for %d rows)%n", what, ROWS / seconds, seconds, ROWS);
    }
}
