package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed interval strings raise Sluice's public exception types with Spark 4.1.1's error classes and texts
 * (not the SQL parser's internal exception, and with one SQLSTATE): {@code window} and {@code withWatermark}
 * go through Spark's {@code IntervalUtils.fromIntervalString}, which raises {@code CANNOT_PARSE_INTERVAL};
 * a window of months raises {@code TimeWindow}'s {@code _LEGACY_ERROR_TEMP_3231}.
 */
class IntervalErrorsTest {
    private static final String CANNOT_PARSE = "[CANNOT_PARSE_INTERVAL] Unable to parse '10 minuts'. Please ensure"
            + " that the value provided is in a valid format for defining an interval. You can reference the"
            + " documentation for the correct format. If the issue persists, please double check that the input"
            + " value is not null or empty and try again. SQLSTATE: 22006";
    private static SluiceSession spark;
    private static Dataset<Row> events;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        events = spark.createDataFrame(List.of(), new StructType().add("ts", DataTypes.TimestampType));
    }

    @Test
    void windowDurationThatIsNotAnInterval() {
        assertThatThrownBy(() -> events.groupBy(functions.window(functions.col("ts"), "10 minuts")).count())
                .isInstanceOf(AnalysisException.class).hasMessage(CANNOT_PARSE);
    }

    @Test
    void windowOfMonths() {
        assertThatThrownBy(() -> events.groupBy(functions.window(functions.col("ts"), "1 month")).count())
                .isInstanceOf(SluiceException.class)
                .hasMessage("Intervals greater than a month is not supported (1 month).")
                .satisfies(e -> assertThat(((SluiceException) e).getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_3231"));
    }

    @Test
    void watermarkDelayThatIsNotAnInterval() {
        assertThatThrownBy(() -> events.withWatermark("ts", "10 minuts")).isInstanceOf(AnalysisException.class)
                .hasMessage(CANNOT_PARSE);
    }

    @Test
    void processingTimeThatIsNotAnInterval() {
        assertThatThrownBy(() -> Trigger.ProcessingTime("10 minuts")).isInstanceOf(AnalysisException.class)
                .hasMessage(CANNOT_PARSE);
    }
}
