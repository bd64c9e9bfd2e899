package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small members of Spark's API from issue 16's long tail: {@code Builder.config(Map)}, {@code unix_micros} and friends. */
class LongTailApiTest {
    @Test
    void builderConfigTakesAMapOfValues() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spark.sql.session.timeZone", "UTC");
        settings.put("spark.sql.shuffle.partitions", 3);
        SluiceSession spark = SluiceSession.builder().master("local[1]").config(settings).getOrCreate();
        try {
            assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
            assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("3");
            // the examples of Spark's function docs
            Row r = spark.sql("SELECT unix_micros(TIMESTAMP'1970-01-01 00:00:01Z'),"
                    + " unix_millis(TIMESTAMP'1970-01-01 00:00:01Z'), unix_seconds(TIMESTAMP'1970-01-01 00:00:01Z'),"
                    + " unix_date(DATE'1970-01-02'), unix_millis(TIMESTAMP'1969-12-31 23:59:59.9999Z'),"
                    + " unix_seconds(TIMESTAMP'1969-12-31 23:59:59.5Z')").first();
            assertThat(r.getLong(0)).isEqualTo(1_000_000L);
            assertThat(r.getLong(1)).isEqualTo(1_000L);
            assertThat(r.getLong(2)).isEqualTo(1L);
            assertThat(r.getInt(3)).isEqualTo(1);
            // before the epoch the counts round down, as Spark's Math.floorDiv
            assertThat(r.getLong(4)).isEqualTo(-1L);
            assertThat(r.getLong(5)).isEqualTo(-1L);
        } finally {
            spark.stop();
        }
    }
}
