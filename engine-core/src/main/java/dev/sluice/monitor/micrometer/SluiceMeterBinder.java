package dev.sluice.monitor.micrometer;

import dev.sluice.monitor.ProgressMetrics;
import dev.sluice.monitor.QueryMBeans;
import dev.sluice.monitor.TrackingListener;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer binder for the streaming queries of a session: every {@link ProgressMetrics} figure of the latest
 * batch becomes a gauge {@code sluice.streaming.<name>} tagged {@code query=<name or id>} (plus {@code phase},
 * {@code source} or {@code operator}), so Prometheus, OTLP and every other Micrometer registry get them. Use:
 * <pre>{@code new SluiceMeterBinder(session).bindTo(registry);}</pre>
 * As the JMX MBeans, only queries started while {@code spark.sql.streaming.metricsEnabled} is true report
 * (Spark's setting); their gauges appear with the first batch and are removed when the query terminates.
 *
 * <p>Micrometer is an optional dependency of engine-core: add {@code io.micrometer:micrometer-core} to use this
 * class. Thread-safe: gauges read the latest progress published by the session's listener thread.
 */
public final class SluiceMeterBinder implements MeterBinder {
    private final SluiceSession session;

    public SluiceMeterBinder(SluiceSession session) {
        this.session = session;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        session.streams().addListener(new Gauges(session, registry));
    }

    /** Keeps the gauges of each running query in step with its progress. */
    private static final class Gauges extends TrackingListener {
        private final SluiceSession session;
        private final MeterRegistry registry;
        private final Map<UUID, Query> queries = new ConcurrentHashMap<>();

        Gauges(SluiceSession session, MeterRegistry registry) {
            super(session.streams());
            this.session = session;
            this.registry = registry;
        }

        @Override
        protected void started(QueryStartedEvent event, StreamingQuery query) {
            if (QueryMBeans.metricsEnabled(session)) {
                queries.put(query.runId(), new Query(Tags.of("query", label(query))));
            }
        }

        @Override
        protected void progress(QueryProgressEvent event, StreamingQuery query) {
            Query q = queries.get(query.runId());
            if (q == null) {
                return;
            }
            Map<String, ProgressMetrics.Metric> figures = ProgressMetrics.byFlatName(event.progress());
            q.latest = figures;
            for (ProgressMetrics.Metric m : figures.values()) {
                if (!q.registered.containsKey(m.flatName())) {
                    String key = m.flatName();
                    Tags tags = q.tags;
                    for (Map.Entry<String, String> t : m.tags().entrySet()) {
                        tags = tags.and(Tag.of(t.getKey(), t.getValue()));
                    }
                    Gauge gauge = Gauge.builder(ProgressMetrics.PREFIX + m.name(), q, owner -> owner.value(key))
                            .description(m.help()).tags(tags).strongReference(true).register(registry);
                    q.registered.put(key, gauge);
                }
            }
        }

        @Override
        protected void terminated(QueryTerminatedEvent event, StreamingQuery query) {
            Query q = queries.remove(query.runId());
            if (q != null) {
                List<Meter> meters = new ArrayList<>(q.registered.values());
                meters.forEach(registry::remove);
            }
        }
    }

    /** One query's tags, latest figures and registered gauges. */
    private static final class Query {
        final Tags tags;
        final Map<String, Meter> registered = new ConcurrentHashMap<>();
        volatile Map<String, ProgressMetrics.Metric> latest = Map.of();

        Query(Tags tags) {
            this.tags = tags;
        }

        double value(String flatName) {
            ProgressMetrics.Metric m = latest.get(flatName);
            return m == null ? Double.NaN : m.value(); // a figure the latest batch did not report
        }
    }
}
