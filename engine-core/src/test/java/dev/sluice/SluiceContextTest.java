package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code session.sparkContext()}: Spark's SparkContext calls Sluice honours. The log level is checked with the tests'
 * binding, slf4j-simple (engine-core's src/test/resources/simplelogger.properties: default info,
 * dev.sluice.streaming.batch at debug); Logback, Log4j 2 and java.util.logging in monitor.LogLevelsTest.
 */
class SluiceContextTest {
    @Test
    void otherLevelsAreRejectedWithSparksMessage() {
        SluiceContext sc = session().sparkContext();
        // Spark: require(VALID_LOG_LEVELS.contains(upper), s"Supplied level $logLevel did not match one of:"
        // + s" ${VALID_LOG_LEVELS.mkString(",")}"); the order is that of Scala 2.13's HashSet of the eight names
        // (hash-trie order by the improved String hash's low 5 bits; FATAL and TRACE share slot 14, so they come
        // after the slot-level entries ALL 8, DEBUG 9, ERROR 11, WARN 19, INFO 22, OFF 26), worked out by hand and
        // confirmed with scala-library 2.13.16 (Spark 4.1's Scala line): Set(the eight).mkString(",").
        assertThatThrownBy(() -> sc.setLogLevel("verbose")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requirement failed: Supplied level verbose did not match one of:"
                        + " ALL,DEBUG,ERROR,WARN,INFO,OFF,FATAL,TRACE");
        assertThatThrownBy(() -> sc.setLogLevel("")).hasMessageStartingWith("requirement failed: Supplied level  did");
    }

    @Test
    void setLogLevelSetsSluiceLoggersMadeBeforeAndAfter() {
        SluiceContext sc = session().sparkContext();
        Logger before = LoggerFactory.getLogger("dev.sluice.test.before");
        Logger batch = LoggerFactory.getLogger("dev.sluice.streaming.batch");
        Logger other = LoggerFactory.getLogger("org.example.other");
        assertThat(before.isDebugEnabled()).isFalse(); // the configured default, info
        try {
            sc.setLogLevel("debug"); // any case, as Spark
            assertThat(before.isDebugEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger("dev.sluice.test.after").isDebugEnabled()).isTrue();
            assertThat(other.isDebugEnabled()).isFalse(); // only Sluice's loggers

            sc.setLogLevel("WARN");
            assertThat(before.isInfoEnabled()).isFalse();
            assertThat(before.isWarnEnabled()).isTrue();
            assertThat(batch.isDebugEnabled()).isTrue(); // a logger configured on its own keeps its level
            assertThat(other.isInfoEnabled()).isTrue();

            sc.setLogLevel("Off");
            assertThat(before.isErrorEnabled()).isFalse();
            sc.setLogLevel("FATAL"); // slf4j-simple has no FATAL: ERROR
            assertThat(before.isErrorEnabled()).isTrue();
            assertThat(before.isWarnEnabled()).isFalse();
            sc.setLogLevel("ALL"); // nor ALL: TRACE
            assertThat(before.isTraceEnabled()).isTrue();
        } finally {
            sc.setLogLevel("INFO"); // the configured default, for the tests that read the log
        }
        assertThat(before.isInfoEnabled()).isTrue();
        assertThat(before.isDebugEnabled()).isFalse();
        assertThat(batch.isDebugEnabled()).isTrue();
    }

    @Test
    void theContextTellsTheSessionsNameMasterAndSettings() {
        SluiceSession.getActiveSession().ifPresent(SluiceSession::stop);
        long before = System.currentTimeMillis();
        SluiceSession s = Sluice.builder().appName("ctx-app").master("local[3]")
                .config("spark.sql.shuffle.partitions", 7).getOrCreate();
        try {
            SluiceContext sc = s.sparkContext();
            assertThat(s.sparkContext()).isSameAs(sc);
            assertThat(sc.appName()).isEqualTo("ctx-app");
            assertThat(sc.master()).isEqualTo("local[3]");
            assertThat(sc.defaultParallelism()).isEqualTo(3);
            assertThat(sc.isLocal()).isTrue();
            assertThat(sc.startTime()).isBetween(before, System.currentTimeMillis());
            assertThat(sc.getConf()).containsEntry("spark.app.name", "ctx-app").containsEntry("spark.master", "local[3]")
                    .containsEntry("spark.sql.shuffle.partitions", "7");
            sc.getConf().put("spark.sql.shuffle.partitions", "9"); // a copy, as Spark's getConf
            assertThat(s.conf().get("spark.sql.shuffle.partitions")).isEqualTo("7");
        } finally {
            s.stop();
        }
    }

    @Test
    void progressListenersAreListedInOrderWithoutTheInternalOnes() {
        SluiceContext sc = session().sparkContext();
        ReadProgressListener a = new ReadProgressListener() { };
        ReadProgressListener b = new ReadProgressListener() { };
        sc.addProgressListener(a);
        sc.addProgressListener(b);
        try {
            assertThat(sc.listProgressListeners()).containsExactly(a, b);
            sc.removeProgressListener(a);
            assertThat(sc.listProgressListeners()).containsExactly(b);
        } finally {
            sc.removeProgressListener(b);
        }
        assertThat(sc.listProgressListeners()).isEmpty();
    }

    private static SluiceSession session() {
        return Sluice.builder().master("local[1]").getOrCreate();
    }
}
