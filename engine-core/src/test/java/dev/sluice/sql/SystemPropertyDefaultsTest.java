package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** As Spark's SparkConf: spark.* system properties are defaults of a new session, under the builder's settings. */
class SystemPropertyDefaultsTest {
    @AfterEach
    void clear() {
        System.clearProperty("spark.sluice.test.a");
        System.clearProperty("spark.sluice.test.b");
        System.clearProperty("other.key");
        SluiceSession.getActiveSession().ifPresent(SluiceSession::stop);
    }

    @Test
    void sparkSystemPropertiesAreDefaultsTheBuilderOverrides() {
        SluiceSession.getActiveSession().ifPresent(SluiceSession::stop);
        System.setProperty("spark.sluice.test.a", "from-system");
        System.setProperty("spark.sluice.test.b", "from-system");
        System.setProperty("other.key", "x");
        SluiceSession s = Sluice.builder().master("local[1]").config("spark.sluice.test.b", "from-builder")
                .getOrCreate();
        assertThat(s.conf().get("spark.sluice.test.a")).isEqualTo("from-system");
        assertThat(s.conf().get("spark.sluice.test.b")).isEqualTo("from-builder");
        assertThat(s.conf().getOption("other.key")).isEmpty();
    }
}
