package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.date_trunc;
import static dev.sluice.sql.functions.trunc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code date_trunc} and {@code trunc}: the examples of Spark's SQL function docs, checked by hand. */
class DateTruncTest {
    private static final SluiceSession SPARK = SluiceSession.builder().master("local[1]").getOrCreate();

    private static String one(String expression) {
        return SPARK.range(1).selectExpr("CAST(" + expression + " AS STRING)").collectAsList().get(0).getString(0);
    }

    @Test
    void dateTruncCutsATimestampToEachUnit() {
        SPARK.conf().set("spark.sql.session.timeZone", "UTC");
        String ts = "'2015-03-05T09:32:05.123456'";
        assertThat(one("date_trunc('YEAR', " + ts + ")")).isEqualTo("2015-01-01 00:00:00");
        assertThat(one("date_trunc('yy', " + ts + ")")).isEqualTo("2015-01-01 00:00:00");
        assertThat(one("date_trunc('QUARTER', " + ts + ")")).isEqualTo("2015-01-01 00:00:00");
        assertThat(one("date_trunc('MM', " + ts + ")")).isEqualTo("2015-03-01 00:00:00");
        assertThat(one("date_trunc('WEEK', " + ts + ")")).isEqualTo("2015-03-02 00:00:00"); // a Thursday → Monday
        assertThat(one("date_trunc('DD', " + ts + ")")).isEqualTo("2015-03-05 00:00:00");
        assertThat(one("date_trunc('HOUR', " + ts + ")")).isEqualTo("2015-03-05 09:00:00");
        assertThat(one("date_trunc('minute', " + ts + ")")).isEqualTo("2015-03-05 09:32:00");
        assertThat(one("date_trunc('SECOND', " + ts + ")")).isEqualTo("2015-03-05 09:32:05");
        assertThat(one("date_trunc('MILLISECOND', " + ts + ")")).isEqualTo("2015-03-05 09:32:05.123");
        assertThat(one("date_trunc('MICROSECOND', " + ts + ")")).isEqualTo("2015-03-05 09:32:05.123456");
        assertThat(one("date_trunc('DECADE', " + ts + ")")).isNull();
    }

    @Test
    void dateTruncWorksInTheSessionTimeZone() {
        SPARK.conf().set("spark.sql.session.timeZone", "America/Los_Angeles");
        try {
            // 2015-03-05 09:32 in Los Angeles is 17:32 UTC; its day starts at 00:00 local, 08:00 UTC
            assertThat(one("date_trunc('DD', TIMESTAMP '2015-03-05 09:32:05')")).isEqualTo("2015-03-05 00:00:00");
            SPARK.conf().set("spark.sql.session.timeZone", "UTC");
            assertThat(SPARK.range(1).selectExpr("CAST(unix_seconds(" + "date_trunc('DD', TIMESTAMP"
                    + " '2015-03-05 17:32:05')) AS STRING)").collectAsList().get(0).getString(0)).isEqualTo("1425513600");
        } finally {
            SPARK.conf().set("spark.sql.session.timeZone", "UTC");
        }
    }

    @Test
    void truncCutsADateToItsWeekMonthQuarterOrYear() {
        assertThat(one("trunc(DATE '2019-08-04', 'week')")).isEqualTo("2019-07-29");
        assertThat(one("trunc(DATE '2019-08-04', 'quarter')")).isEqualTo("2019-07-01");
        assertThat(one("trunc(DATE '2009-02-12', 'MM')")).isEqualTo("2009-02-01");
        assertThat(one("trunc(DATE '2015-10-27', 'YEAR')")).isEqualTo("2015-01-01");
        assertThat(one("trunc(DATE '2015-10-27', 'DD')")).isNull();
    }

    @Test
    void theJavaFunctionsNameTheColumnsAsSpark() {
        SPARK.conf().set("spark.sql.session.timeZone", "UTC");
        Dataset<Row> df = SPARK.range(1).selectExpr("TIMESTAMP '2015-03-05 09:32:05' AS t", "DATE '2019-08-04' AS d")
                .select(date_trunc("MM", col("t")), trunc(col("d"), "week"));
        assertThat(df.columns()).containsExactly("date_trunc(MM, t)", "trunc(d, week)");
        List<Row> rows = df.selectExpr("CAST(`date_trunc(MM, t)` AS STRING)", "CAST(`trunc(d, week)` AS STRING)")
                .collectAsList();
        assertThat(rows.get(0).getString(0)).isEqualTo("2015-03-01 00:00:00");
        assertThat(rows.get(0).getString(1)).isEqualTo("2019-07-29");
    }
}
