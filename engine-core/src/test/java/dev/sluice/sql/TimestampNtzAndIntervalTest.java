package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DayTimeIntervalType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.YearMonthIntervalType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code TIMESTAMP_NTZ} and the ANSI interval types: DDL, encoders, {@code show()} text, casts and datetime
 * arithmetic. Expected texts follow Spark's {@code IntervalUtils} ANSI style, worked out by hand.
 */
class TimestampNtzAndIntervalTest {
    private static SluiceSession spark;

    @BeforeAll
    static void start() {
        // a zone far from UTC: timestamp_ntz must not move with it
        spark = SluiceSession.builder().master("local[2]").config("spark.sql.session.timeZone", "America/Los_Angeles")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void ddlNamesAndSchemaText() {
        StructType schema = StructType.fromDDL("t timestamp_ntz, d interval day to second, y interval year to month,"
                + " h INTERVAL HOUR TO MINUTE, m interval month");
        assertThat(schema.apply("t").dataType()).isSameAs(DataTypes.TimestampNTZType);
        assertThat(schema.apply("d").dataType()).isEqualTo(DataTypes.createDayTimeIntervalType());
        assertThat(schema.apply("y").dataType()).isEqualTo(DataTypes.createYearMonthIntervalType());
        assertThat(schema.apply("h").dataType()).isEqualTo(DataTypes.createDayTimeIntervalType(
                DayTimeIntervalType.HOUR(), DayTimeIntervalType.MINUTE()));
        assertThat(schema.treeString()).isEqualTo("root\n"
                + " |-- t: timestamp_ntz (nullable = true)\n"
                + " |-- d: interval day to second (nullable = true)\n"
                + " |-- y: interval year to month (nullable = true)\n"
                + " |-- h: interval hour to minute (nullable = true)\n"
                + " |-- m: interval month (nullable = true)\n");
        assertThat(schema.apply("y").dataType().sql()).isEqualTo("INTERVAL YEAR TO MONTH");
        assertThat(schema.apply("t").dataType().sql()).isEqualTo("TIMESTAMP_NTZ");
        assertThat(DataTypes.createYearMonthIntervalType(YearMonthIntervalType.MONTH(), YearMonthIntervalType.MONTH())
                .simpleString()).isEqualTo("interval month");
    }

    @Test
    void encodersRoundTripAndShowAsSpark() {
        Dataset<LocalDateTime> times = spark.createDataset(List.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59)), Encoders.LOCALDATETIME());
        assertThat(times.schema().apply(0).dataType()).isSameAs(DataTypes.TimestampNTZType);
        assertThat(times.collectAsList()).containsExactly(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59));
        // shown as stored, whatever the session zone
        assertThat(times.showString(20, 0, false)).isEqualTo(""
                + "+---------------------+\n"
                + "|value                |\n"
                + "+---------------------+\n"
                + "|2024-01-02 03:04:05.5|\n"
                + "|1969-12-31 23:59:59  |\n"
                + "+---------------------+\n");

        // 1 day 2:03:04; -3.5 s; 100 days 0.000001 s; nanoseconds below a microsecond are dropped
        Dataset<Duration> durations = spark.createDataset(List.of(Duration.ofSeconds(93_784),
                Duration.ofMillis(-3_500), Duration.ofDays(100).plusNanos(1_999)), Encoders.DURATION());
        assertThat(durations.collectAsList()).containsExactly(Duration.ofSeconds(93_784), Duration.ofMillis(-3_500),
                Duration.ofDays(100).plusNanos(1_000));
        assertThat(durations.showString(20, 0, false)).isEqualTo(""
                + "+--------------------------------------------+\n"
                + "|value                                       |\n"
                + "+--------------------------------------------+\n"
                + "|INTERVAL '1 02:03:04' DAY TO SECOND         |\n"
                + "|INTERVAL '-0 00:00:03.5' DAY TO SECOND      |\n"
                + "|INTERVAL '100 00:00:00.000001' DAY TO SECOND|\n"
                + "+--------------------------------------------+\n");
    }

    @Test
    void periodsKeepYearsAndMonthsNormalized() {
        Dataset<Period> periods = spark.createDataset(List.of(Period.of(1, 2, 0), Period.ofMonths(-14),
                Period.ofDays(5)), Encoders.PERIOD());
        // days are not part of a year-month interval; 14 months read back as 1 year 2 months
        assertThat(periods.collectAsList()).containsExactly(Period.of(1, 2, 0), Period.of(-1, -2, 0), Period.ZERO);
        assertThat(periods.toDF().selectExpr("CAST(value AS STRING)").collectAsList().toString())
                .isEqualTo("[[INTERVAL '1-2' YEAR TO MONTH], [INTERVAL '-1-2' YEAR TO MONTH],"
                        + " [INTERVAL '0-0' YEAR TO MONTH]]");
    }

    /** A bean with the three java.time fields. */
    public static class Shift {
        private LocalDateTime start;
        private Duration length;
        private Period every;

        public LocalDateTime getStart() {
            return start;
        }

        public void setStart(LocalDateTime start) {
            this.start = start;
        }

        public Duration getLength() {
            return length;
        }

        public void setLength(Duration length) {
            this.length = length;
        }

        public Period getEvery() {
            return every;
        }

        public void setEvery(Period every) {
            this.every = every;
        }
    }

    @Test
    void beanFieldsOfJavaTimeTypes() {
        Shift s = new Shift();
        s.setStart(LocalDateTime.of(2024, 3, 1, 8, 0));
        s.setLength(Duration.ofHours(8));
        s.setEvery(Period.ofMonths(1));
        Dataset<Shift> ds = spark.createDataset(List.of(s), Encoders.bean(Shift.class));
        assertThat(ds.schema()).isEqualTo(new StructType().add("every", DataTypes.createYearMonthIntervalType())
                .add("length", DataTypes.createDayTimeIntervalType()).add("start", DataTypes.TimestampNTZType));
        Shift back = ds.first();
        assertThat(back.getStart()).isEqualTo(LocalDateTime.of(2024, 3, 1, 8, 0));
        assertThat(back.getLength()).isEqualTo(Duration.ofHours(8));
        assertThat(back.getEvery()).isEqualTo(Period.ofMonths(1));
        // the shift's end: timestamp_ntz + day-time interval stays a timestamp_ntz
        Row end = ds.selectExpr("start + length AS e", "start + every AS next").first();
        assertThat(end.get(0)).isEqualTo(LocalDateTime.of(2024, 3, 1, 16, 0));
        assertThat(end.get(1)).isEqualTo(LocalDateTime.of(2024, 4, 1, 8, 0));
    }

    @Test
    void castsFollowSpark() {
        Row r = spark.range(1).selectExpr(
                "CAST('2024-01-02 03:04:05' AS TIMESTAMP_NTZ) AS a",
                "CAST(CAST('2024-01-02 03:04:05' AS TIMESTAMP_NTZ) AS DATE) AS b",
                "CAST(DATE'2024-01-02' AS TIMESTAMP_NTZ) AS c",
                // a timestamp is read in the session zone (Los Angeles, UTC-8 in January) and back
                "CAST(CAST(TIMESTAMP'2024-01-02 03:04:05' AS TIMESTAMP_NTZ) AS STRING) AS d",
                "CAST(CAST(CAST('2024-01-02 03:04:05' AS TIMESTAMP_NTZ) AS TIMESTAMP) AS STRING) AS e",
                "CAST('1 02:03:04.25' AS INTERVAL DAY TO SECOND) AS f",
                "CAST(\"INTERVAL '-1 02:03' DAY TO MINUTE\" AS INTERVAL DAY TO MINUTE) AS g",
                "CAST(CAST('1 02:03:04' AS INTERVAL DAY TO SECOND) AS INTERVAL DAY) AS h",
                "CAST('3-11' AS INTERVAL YEAR TO MONTH) AS i",
                "TRY_CAST('1 25:00:00' AS INTERVAL DAY TO SECOND) AS j",
                "CAST(CAST('02:03' AS INTERVAL HOUR TO MINUTE) AS STRING) AS k",
                "TIMESTAMP_NTZ'2024-01-02 03:04:05' AS l").first();
        assertThat(r.get(11)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(r.get(0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(r.get(1)).isEqualTo(java.sql.Date.valueOf(LocalDate.of(2024, 1, 2)));
        assertThat(r.get(2)).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
        assertThat(r.getString(3)).isEqualTo("2024-01-02 03:04:05");
        assertThat(r.getString(4)).isEqualTo("2024-01-02 03:04:05");
        assertThat(r.get(5)).isEqualTo(Duration.ofSeconds(93_784, 250_000_000));
        assertThat(r.get(6)).isEqualTo(Duration.ofMinutes(-(24 * 60 + 2 * 60 + 3)));
        assertThat(r.get(7)).isEqualTo(Duration.ofDays(1));
        assertThat(r.get(8)).isEqualTo(Period.of(3, 11, 0));
        assertThat(r.isNullAt(9)).isTrue(); // 25 hours is out of range
        assertThat(r.getString(10)).isEqualTo("INTERVAL '02:03' HOUR TO MINUTE");
    }

    @Test
    void literalsOfJavaTimeValuesAndArithmetic() {
        Row r = spark.range(1).select(lit(LocalDateTime.of(2024, 1, 31, 10, 0)).alias("t"),
                lit(Duration.ofMinutes(90)).alias("d"), lit(Period.ofMonths(1)).alias("p")).select(
                col("t"), col("t").plus(col("d")), col("t").plus(col("p")), col("t").minus(col("d")),
                expr("DATE'2024-01-31' + p"), expr("TIMESTAMP'2024-03-10 01:30:00' + d"),
                expr("DATE'2024-01-31' + CAST('2' AS INTERVAL DAY)")).first();
        assertThat(r.schema().apply(0).dataType()).isSameAs(DataTypes.TimestampNTZType);
        assertThat(r.get(1)).isEqualTo(LocalDateTime.of(2024, 1, 31, 11, 30));
        // a month after January 31st is the end of February (2024 is a leap year)
        assertThat(r.get(2)).isEqualTo(LocalDateTime.of(2024, 2, 29, 10, 0));
        assertThat(r.get(3)).isEqualTo(LocalDateTime.of(2024, 1, 31, 8, 30));
        assertThat(r.get(4)).isEqualTo(java.sql.Date.valueOf(LocalDate.of(2024, 2, 29)));
        // 01:30 PST + 90 minutes of elapsed time crosses the spring-forward gap: 04:00 PDT
        assertThat(r.schema().apply(5).dataType()).isSameAs(DataTypes.TimestampType);
        assertThat(spark.range(1).select(expr("CAST(TIMESTAMP'2024-03-10 01:30:00' + INTERVAL '90' MINUTE AS STRING)")
                .alias("s")).first().getString(0)).isEqualTo("2024-03-10 04:00:00");
        assertThat(r.get(6)).isEqualTo(java.sql.Date.valueOf(LocalDate.of(2024, 2, 2)));
    }

    @Test
    void toTimestampNtzAndLocaltimestamp() {
        Row r = spark.range(1).selectExpr("DATE'2024-01-02' AS d").select(
                functions.to_timestamp_ntz(lit("2024-01-02 03:04:05")),
                functions.to_timestamp_ntz(lit("02/01/2024 03:04"), lit("dd/MM/yyyy HH:mm")),
                functions.to_timestamp_ntz(col("d")),
                functions.localtimestamp(), functions.current_timestamp()).first();
        assertThat(r.schema().fieldNames()).containsExactly("to_timestamp_ntz(2024-01-02 03:04:05)",
                "to_timestamp_ntz(02/01/2024 03:04, dd/MM/yyyy HH:mm)", "to_timestamp_ntz(d)",
                "localtimestamp()", "current_timestamp()");
        assertThat(r.get(0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(r.get(1)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4));
        assertThat(r.get(2)).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
        // localtimestamp is the query time on Los Angeles' wall clock
        java.time.Instant now = ((java.sql.Timestamp) r.get(4)).toInstant();
        assertThat(r.get(3)).isEqualTo(LocalDateTime.ofInstant(now, java.time.ZoneId.of("America/Los_Angeles")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spark.range(1)
                .select(functions.to_timestamp_ntz(lit("nope"))).collectAsList())
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("[CAST_INVALID_INPUT] The value 'nope' of the type \"STRING\" cannot be cast"
                        + " to \"TIMESTAMP_NTZ\"");
    }
}
