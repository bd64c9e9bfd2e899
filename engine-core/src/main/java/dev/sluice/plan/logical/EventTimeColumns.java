package dev.sluice.plan.logical;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.generator.TimeWindow;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which output columns of a plan carry event time, and with which watermark delay (Spark keeps this as
 * {@code spark.watermarkDelayMs} metadata on the attribute). A column set by {@link EventTimeWatermark}
 * carries it; so do its copies through projections and aggregates' outputs (plain references and aliases, as
 * Spark's {@code Alias} keeps its child's metadata), the {@code window}
 * column a time-window {@link Generate} or a projected tumbling {@code window(...)} derives from it, and the
 * {@code eventTimeColumnName} column of a {@link TransformWithState} (with the delay of the watermark below); other
 * nodes keep the columns they pass through.
 * Stateless.
 */
public final class EventTimeColumns {
    private EventTimeColumns() {
    }

    /** Watermark delay in milliseconds by {@code exprId}, for every event-time column of {@code plan}'s output. */
    public static Map<Long, Long> of(LogicalPlan plan) {
        Map<Long, Long> delays = new HashMap<>();
        for (LogicalPlan child : plan.children()) {
            delays.putAll(of(child));
        }
        if (plan instanceof EventTimeWatermark w) {
            delays.put(w.eventTime().exprId(), w.delayMs());
        } else if (plan instanceof Project || plan instanceof Aggregate) {
            // an aggregate's output aliasing a grouping column (a window grouped by, renamed) keeps its event time
            List<Expression> outputs = plan instanceof Project p ? p.projectList()
                    : ((Aggregate) plan).aggregateExpressions();
            for (Expression e : outputs) {
                AttributeReference source = e instanceof Alias a ? timeSource(a.child()) : null;
                if (source != null && delays.containsKey(source.exprId())) {
                    delays.put(((Alias) e).toAttribute().exprId(), delays.get(source.exprId()));
                }
            }
        } else if (plan instanceof Expand e) {
            // a grouping column expanded from an event-time column keeps it, as Spark's Expand keeps its metadata
            for (List<Expression> projection : e.projections()) {
                for (int i = 0; i < projection.size(); i++) {
                    AttributeReference source = timeSource(projection.get(i));
                    if (source != null && delays.containsKey(source.exprId())) {
                        delays.put(e.output().get(i).exprId(), delays.get(source.exprId()));
                    }
                }
            }
        } else if (plan instanceof Generate g && g.generator() instanceof TimeWindow w
                && w.child() instanceof AttributeReference time && delays.containsKey(time.exprId())) {
            delays.put(g.generatorOutput().get(0).exprId(), delays.get(time.exprId()));
        } else if (plan instanceof TransformWithState t && t.eventTime() != null) {
            delays.put(t.eventTime().exprId(), t.eventTimeDelayMs());
        } else if (plan instanceof UpdateSessions u && u.session().timeColumn() instanceof AttributeReference time
                && delays.containsKey(time.exprId())) {
            delays.put(u.sessionOutput().exprId(), delays.get(time.exprId()));
        }
        Map<Long, Long> visible = new HashMap<>();
        for (AttributeReference a : plan.output()) {
            Long delay = delays.get(a.exprId());
            if (delay != null) {
                visible.put(a.exprId(), delay);
            }
        }
        return visible;
    }

    /** The column an aliased expression carries the event time of: a plain reference, or a scalar time window's column. */
    private static AttributeReference timeSource(Expression e) {
        if (e instanceof AttributeReference a) {
            return a;
        }
        return e instanceof TimeWindow w && w.child() instanceof AttributeReference a ? a : null;
    }

    /** Whether a streaming {@link EventTimeWatermark} is below {@code plan} (its column may be projected away). */
    public static boolean hasWatermark(LogicalPlan plan) {
        if (plan instanceof EventTimeWatermark && plan.isStreaming()) {
            return true;
        }
        return plan.children().stream().anyMatch(EventTimeColumns::hasWatermark);
    }

    /** The first event-time column among {@code columns}, or null. */
    public static AttributeReference find(List<? extends Expression> columns, Map<Long, Long> delays) {
        for (Expression e : columns) {
            if (e instanceof AttributeReference a && delays.containsKey(a.exprId())) {
                return a;
            }
        }
        return null;
    }

    /**
     * Spark's rule that at most one event-time column reaches a stateful operator (its {@code findEventTimeColumn},
     * which counts distinct attribute ids): the columns as Spark lists them in {@code _LEGACY_ERROR_TEMP_3077},
     * {@code (name#id-T<delay>ms,...)}, when {@code columns} hold more than one, else null.
     */
    public static String multiple(List<? extends Expression> columns, Map<Long, Long> delays) {
        List<String> named = new java.util.ArrayList<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Expression e : columns) {
            if (e instanceof AttributeReference a && delays.containsKey(a.exprId())) {
                named.add(a.name() + "#" + a.exprId() + "-T" + delays.get(a.exprId()) + "ms");
                ids.add(a.exprId());
            }
        }
        return ids.size() > 1 ? "(" + String.join(",", named) + ")" : null;
    }

    /** Whether {@code type} can carry event time: a timestamp, or a struct with a timestamp {@code end}. */
    public static boolean isEventTimeType(dev.sluice.sql.types.DataType type) {
        if (type.equals(DataTypes.TimestampType)) {
            return true;
        }
        return type instanceof StructType s && java.util.Arrays.stream(s.fields())
                .anyMatch(f -> f.name().equals("end") && f.dataType().equals(DataTypes.TimestampType));
    }
}
