package dev.sluice.monitor;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A session and clean-up for the monitoring tests. */
abstract class MonitorTestSupport {
    static final StructType LINES = new StructType().add("value", DataTypes.StringType);
    SluiceSession spark;

    @BeforeEach
    void session() {
        spark = Sluice.builder().appName("monitor-tests").master("local[2]")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterEach
    void stopQueries() throws Exception {
        for (StreamingQuery q : spark.streams().active()) {
            q.stop();
        }
        spark.conf().unset(QueryLog.SLOW_BATCH_THRESHOLD);
        spark.conf().unset(QueryMBeans.METRICS_ENABLED);
    }

    MemoryStream lines() {
        return MemoryStream.of(spark, LINES);
    }

    /** Polls {@code condition} for up to 10 s (listener events arrive on another thread). */
    static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
