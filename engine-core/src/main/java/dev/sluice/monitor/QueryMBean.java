package dev.sluice.monitor;

import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;

/**
 * The JMX view of one streaming query: read-only attributes {@code Name}, {@code Id}, {@code RunId},
 * {@code Active} and one {@code double} attribute per {@link ProgressMetrics} figure of the latest batch, named by
 * {@link ProgressMetrics.Metric#flatName()} (e.g. {@code input.rate}, {@code phase.duration.addBatch},
 * {@code state.rows.0}). Attributes appear with the first batch. Thread-safe: the listener thread publishes a new
 * progress, JMX clients read it.
 */
final class QueryMBean implements DynamicMBean {
    private final StreamingQuery query;
    private volatile Map<String, ProgressMetrics.Metric> latest = Map.of();

    QueryMBean(StreamingQuery query) {
        this.query = query;
    }

    StreamingQuery query() {
        return query;
    }

    void update(StreamingQueryProgress progress) {
        latest = ProgressMetrics.byFlatName(progress);
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        switch (attribute) {
            case "Name":
                return TrackingListener.label(query);
            case "Id":
                return query.id().toString();
            case "RunId":
                return query.runId().toString();
            case "Active":
                return query.isActive();
            default:
                ProgressMetrics.Metric m = latest.get(attribute);
                if (m == null) {
                    throw new AttributeNotFoundException("No attribute " + attribute + " on streaming query "
                            + TrackingListener.label(query) + " (figures appear with the first batch)");
                }
                return m.value();
        }
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("The attributes of a streaming query are read-only: "
                + attribute.getName());
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList out = new AttributeList();
        for (String name : attributes) {
            try {
                out.add(new Attribute(name, getAttribute(name)));
            } catch (AttributeNotFoundException e) {
                // JMX's contract: attributes that cannot be read are left out of the list
            }
        }
        return out;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList(); // read-only: none set, as the contract reports
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("A streaming query's MBean has no operations: " + actionName);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        attributes.add(new MBeanAttributeInfo("Name", "java.lang.String", "query name, or id when unnamed", true,
                false, false));
        attributes.add(new MBeanAttributeInfo("Id", "java.lang.String", "query id (stable across restarts)", true,
                false, false));
        attributes.add(new MBeanAttributeInfo("RunId", "java.lang.String", "id of this run", true, false, false));
        attributes.add(new MBeanAttributeInfo("Active", "boolean", "whether the query runs", true, false, true));
        for (ProgressMetrics.Metric m : latest.values()) {
            attributes.add(new MBeanAttributeInfo(m.flatName(), "double", m.help(), true, false, false));
        }
        return new MBeanInfo(QueryMBean.class.getName(), "Sluice streaming query " + TrackingListener.label(query),
                attributes.toArray(new MBeanAttributeInfo[0]), null, new MBeanOperationInfo[0], null);
    }
}
