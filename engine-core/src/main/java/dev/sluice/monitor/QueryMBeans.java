package dev.sluice.monitor;

import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryManager;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a {@link QueryMBean} per running query in the platform MBean server, as
 * {@code dev.sluice:type=StreamingQuery,name=<name or id>}, when {@value #METRICS_ENABLED} is true at the query's
 * start (Spark's setting, default false, read at start as Spark does), and unregisters it when the query
 * terminates. A newer run under the same name replaces the older one's MBean. Thread-safe.
 */
public final class QueryMBeans extends TrackingListener {
    /** Spark's setting: whether streaming queries report metrics. */
    public static final String METRICS_ENABLED = "spark.sql.streaming.metricsEnabled";
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.streaming.metrics");

    private final SluiceSession session;
    /**
     * The platform MBean server, created on first use: creating it registers every platform MBean (a few hundred
     * classes, a quarter of a second of a cold start), which a session without metrics never needs.
     */
    private static final class Platform {
        static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    }
    private final Map<UUID, QueryMBean> beans = new ConcurrentHashMap<>();

    public QueryMBeans(SluiceSession session, StreamingQueryManager streams) {
        super(streams);
        this.session = session;
    }

    /** Whether queries of {@code session} started now report metrics. */
    public static boolean metricsEnabled(SluiceSession session) {
        return Boolean.parseBoolean(session.conf().get(METRICS_ENABLED, "false").trim());
    }

    /** The JMX name of a query's MBean. */
    public static ObjectName objectName(StreamingQuery query) {
        String label = TrackingListener.label(query);
        try {
            ObjectName plain = new ObjectName("dev.sluice:type=StreamingQuery,name=" + label);
            if (!plain.isPattern() && label.equals(plain.getKeyProperty("name"))) {
                return plain;
            }
        } catch (MalformedObjectNameException e) {
            // a name with JMX's special characters: quoted below
        }
        try {
            return new ObjectName("dev.sluice:type=StreamingQuery,name=" + ObjectName.quote(label));
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("cannot name the MBean of query " + label, e);
        }
    }

    @Override
    protected void started(QueryStartedEvent event, StreamingQuery query) {
        if (!metricsEnabled(session)) {
            return;
        }
        QueryMBean bean = new QueryMBean(query);
        ObjectName name = objectName(query);
        MBeanServer server = Platform.SERVER;
        synchronized (server) {
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
                server.registerMBean(bean, name);
                beans.put(query.runId(), bean);
            } catch (JMException e) {
                LOG.warn("Could not register the MBean {} of streaming query {}", name, query.id(), e);
            }
        }
    }

    @Override
    protected void progress(QueryProgressEvent event, StreamingQuery query) {
        QueryMBean bean = beans.get(query.runId());
        if (bean != null) {
            bean.update(event.progress());
        }
    }

    @Override
    protected void terminated(QueryTerminatedEvent event, StreamingQuery query) {
        QueryMBean bean = beans.remove(query.runId());
        if (bean == null) {
            return;
        }
        ObjectName name = objectName(query);
        MBeanServer server = Platform.SERVER;
        synchronized (server) {
            try {
                // only our own: a newer run of the same name may have replaced it already
                if (server.isRegistered(name) && server.getAttribute(name, "RunId").equals(query.runId().toString())) {
                    server.unregisterMBean(name);
                }
            } catch (InstanceNotFoundException e) {
                // already gone: nothing to undo
            } catch (JMException e) {
                LOG.warn("Could not unregister the MBean {} of streaming query {}", name, query.id(), e);
            }
        }
    }
}
