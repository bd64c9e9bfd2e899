package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Window assignment does not depend on the order event times arrive in: the window generator reuses the last
 * window start for times in order, so these times jump back and forth, cross the epoch and sit on window bounds.
 * Times (seconds from the epoch): 5, -5, 9.999999, 25, 3, 10. Expected windows by hand (start in (t - 10, t],
 * starts on multiples of the slide).
 */
class TimeWindowOrderTest {
    private static Dataset<Row> events;

    @BeforeAll
    static void session() {
        SluiceSession spark = Sluice.builder().master("local[1]").config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        List<Row> rows = List.of("1970-01-01 00:00:05", "1969-12-31 23:59:55", "1970-01-01 00:00:09.999999",
                "1970-01-01 00:00:25", "1970-01-01 00:00:03", "1970-01-01 00:00:10").stream()
                .map(t -> RowFactory.create(t)).toList();
        events = spark.createDataFrame(rows, StructType.fromDDL("t STRING"))
                .select(col("t").cast("timestamp").as("ts"));
    }

    private static List<String> counts(Column window) {
        return events.groupBy(window.as("w")).count()
                .select(col("w.start").cast("string"), col("count")).collectAsList().stream()
                .map(Object::toString).sorted().toList();
    }

    @Test
    void tumblingWindows() {
        assertThat(counts(window(col("ts"), "10 seconds"))).containsExactly(
                "[1969-12-31 23:59:50,1]", "[1970-01-01 00:00:00,3]", "[1970-01-01 00:00:10,1]",
                "[1970-01-01 00:00:20,1]");
    }

    @Test
    void slidingWindows() {
        assertThat(counts(window(col("ts"), "10 seconds", "5 seconds"))).containsExactly(
                "[1969-12-31 23:59:50,1]", "[1969-12-31 23:59:55,2]", "[1970-01-01 00:00:00,3]",
                "[1970-01-01 00:00:05,3]", "[1970-01-01 00:00:10,1]", "[1970-01-01 00:00:20,1]",
                "[1970-01-01 00:00:25,1]");
    }
}
