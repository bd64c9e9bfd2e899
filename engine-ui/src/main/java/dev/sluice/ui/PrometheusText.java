package dev.sluice.ui;

import dev.sluice.monitor.ProgressMetrics;
import dev.sluice.monitor.TrackingListener;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /metrics}: the {@link ProgressMetrics} figures of the latest batch of every active query that reports
 * metrics ({@code spark.sql.streaming.metricsEnabled} at its start), in the Prometheus text exposition format
 * 0.0.4: names with underscores, label {@code query} plus the figure's tag. Stateless; thread-safe.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String render(List<QueryRegistry.Run> runs) {
        Map<String, List<String>> samples = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        for (QueryRegistry.Run run : runs) {
            StreamingQueryProgress last = run.query().lastProgress();
            if (!run.metricsEnabled() || run.endedAt() != null || last == null) {
                continue;
            }
            String query = TrackingListener.label(run.query());
            for (ProgressMetrics.Metric m : ProgressMetrics.of(last)) {
                String name = (ProgressMetrics.PREFIX + m.name()).replace('.', '_');
                help.putIfAbsent(name, m.help());
                StringBuilder sample = new StringBuilder(name).append("{query=\"").append(escape(query)).append('"');
                m.tags().forEach((k, v) -> sample.append(',').append(k).append("=\"").append(escape(v)).append('"'));
                sample.append("} ").append(number(m.value()));
                samples.computeIfAbsent(name, n -> new ArrayList<>()).add(sample.toString());
            }
        }
        StringBuilder out = new StringBuilder();
        samples.forEach((name, lines) -> {
            out.append("# HELP ").append(name).append(' ').append(help.get(name).replace("\\", "\\\\")
                    .replace("\n", "\\n")).append('\n');
            out.append("# TYPE ").append(name).append(" gauge\n");
            lines.forEach(l -> out.append(l).append('\n'));
        });
        return out.toString();
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
