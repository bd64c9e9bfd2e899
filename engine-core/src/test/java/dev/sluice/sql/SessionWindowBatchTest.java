package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.session_window;
import static dev.sluice.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batch {@code session_window}: static and dynamic gaps, per-key sessions, NULL times dropped. */
class SessionWindowBatchTest {
    private static final StructType EVENTS = new StructType().add("user", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static SluiceSession spark;

    @BeforeAll
    static void start() {
        spark = Sluice.builder().master("local[1]").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Row event(String user, String hhmm) {
        return RowFactory.create(user, hhmm == null ? null
                : Timestamp.from(Instant.parse("2024-01-01T" + hhmm + ":00Z")));
    }

    static List<String> describe(Dataset<Row> ds) {
        List<String> out = new ArrayList<>();
        for (Row r : ds.collectAsList()) {
            Row w = (Row) r.get(1);
            out.add(r.getString(0) + " " + HH_MM.format(((Timestamp) w.get(0)).toInstant()) + "-"
                    + HH_MM.format(((Timestamp) w.get(1)).toInstant()) + " " + r.getLong(2));
        }
        out.sort(null);
        return out;
    }

    private Dataset<Row> events() {
        return spark.createDataFrame(List.of(event("a", "12:00"), event("a", "12:05"), event("a", "12:20"),
                event("b", "12:03"), event("a", "12:14"), event("b", null), event("b", "12:30")), EVENTS);
    }

    @Test
    void staticGapMergesEventsWithinTheGapPerKey() {
        Dataset<Row> ds = events().groupBy(col("user"), session_window(col("ts"), "10 minutes")).count();
        assertThat(ds.schema().fieldNames()).containsExactly("user", "session_window", "count");
        // a: 12:00, 12:05, 12:14 -> 12:00-12:24 (12:14 < 12:15); 12:20 < 12:24 joins too -> 12:00-12:30
        // b: 12:03 -> 12:03-12:13, 12:30 -> 12:30-12:40; the NULL time is dropped
        assertThat(describe(ds)).containsExactly("a 12:00-12:30 4", "b 12:03-12:13 1", "b 12:30-12:40 1");
    }

    @Test
    void dynamicGapPerRowAndNonPositiveGapsDropTheRow() {
        Column gap = when(col("user").equalTo("a"), lit("5 minutes")).otherwise(lit("30 minutes"));
        Dataset<Row> ds = events().groupBy(col("user"), session_window(col("ts"), gap)).agg(count(lit(1)));
        // a: 12:00-12:05; 12:05 is at its end, so it joins (Spark merges when start <= end) -> 12:00-12:10;
        // 12:14-12:19; 12:20 is after 12:19 -> 12:20-12:25. b: 12:03-12:33 and 12:30 joins -> 12:03-13:00
        assertThat(describe(ds)).containsExactly("a 12:00-12:10 2", "a 12:14-12:19 1", "a 12:20-12:25 1",
                "b 12:03-13:00 2");
        Column negative = when(col("user").equalTo("a"), lit("-5 minutes")).otherwise(lit(null));
        assertThat(events().groupBy(col("user"), session_window(col("ts"), negative)).count().collectAsList())
                .isEmpty();
    }

    @Test
    void sqlGroupBySessionWindow() {
        events().createOrReplaceTempView("events");
        Dataset<Row> ds = spark.sql("SELECT user, session_window(ts, '10 minutes') AS s, count(*) AS n"
                + " FROM events GROUP BY user, session_window(ts, '10 minutes')");
        assertThat(describe(ds)).containsExactly("a 12:00-12:30 4", "b 12:03-12:13 1", "b 12:30-12:40 1");
    }
}
