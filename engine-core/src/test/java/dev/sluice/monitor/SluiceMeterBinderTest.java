package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.monitor.micrometer.SluiceMeterBinder;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryListener;
import dev.sluice.stream.connector.MemoryStream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Micrometer binder, read through a real SimpleMeterRegistry. */
class SluiceMeterBinderTest extends MonitorTestSupport {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void unbind() {
        for (StreamingQueryListener l : spark.streams().listListeners()) {
            spark.streams().removeListener(l);
        }
    }

    @Test
    void gaugesFollowTheLatestBatchAndLeaveWithTheQuery() throws Exception {
        spark.conf().set(QueryMBeans.METRICS_ENABLED, "true");
        new SluiceMeterBinder(spark).bindTo(registry);
        MemoryStream input = lines();
        input.addValues("a", "b", "a");
        StreamingQuery q = input.toDF().groupBy("value").count().writeStream().format("memory").queryName("metered")
                .outputMode("update").start();
        q.processAllAvailable();

        // the listener registers a batch's gauges one after the other: read them once all are there
        eventually(() -> {
            assertThat(gauge("sluice.streaming.batch.id").value()).isEqualTo(0.0);
            assertThat(gauge("sluice.streaming.input.rows").value()).isEqualTo(3.0);
            assertThat(gauge("sluice.streaming.sink.rows").value()).isEqualTo(2.0); // update mode: a=2, b=1
            assertThat(registry.get("sluice.streaming.state.rows").tags("query", "metered", "operator", "0").gauge()
                    .value()).isEqualTo(2.0);
            assertThat(registry.get("sluice.streaming.phase.duration").tags("query", "metered", "phase", "addBatch")
                    .gauge().value()).isGreaterThanOrEqualTo(0.0);
            assertThat(registry.get("sluice.streaming.source.input.rows").tags("query", "metered", "source", "0")
                    .gauge().value()).isEqualTo(3.0);
        });

        input.addValues("c");
        q.processAllAvailable();
        eventually(() -> {
            assertThat(gauge("sluice.streaming.batch.id").value()).isEqualTo(1.0);
            assertThat(gauge("sluice.streaming.input.rows").value()).isEqualTo(1.0);
        });

        q.stop();
        eventually(() -> assertThat(registry.find("sluice.streaming.batch.id").gauges()).isEmpty());
    }

    @Test
    void nothingWhenMetricsAreDisabled() throws Exception {
        new SluiceMeterBinder(spark).bindTo(registry);
        MemoryStream input = lines();
        input.addValues("a");
        StreamingQuery q = input.toDF().writeStream().format("memory").queryName("unmetered").start();
        q.processAllAvailable();
        q.stop();
        assertThat(registry.getMeters()).isEmpty();
    }

    private Gauge gauge(String name) {
        return registry.get(name).tag("query", "metered").gauge();
    }
}
