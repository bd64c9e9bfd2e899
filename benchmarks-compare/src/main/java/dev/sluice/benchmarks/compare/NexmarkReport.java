package dev.sluice.benchmarks.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.nexmark.NexmarkQuery;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Nexmark table of one run: per query, Sluice's and Spark's events/s, Sluice's events per CPU-second, the
 * ratio, whether each engine's output equals the plain-Java reference (count and digest), plus the latency rows;
 * as text, JSON and an SVG bar chart. Immutable once built.
 */
final class NexmarkReport {
    /** One query's throughput row. */
    record Row(NexmarkQuery query, NexmarkResult sluice, NexmarkResult spark, String expected) {
        double ratio() {
            return sluice == null || spark == null || !ok(sluice) || !ok(spark) ? Double.NaN
                    : sluice.eventsPerSecond() / spark.eventsPerSecond();
        }

        boolean sameResult() {
            return matches(sluice) && (spark == null || matches(spark));
        }

        private boolean matches(NexmarkResult r) {
            return r != null && expected.equals(r.check());
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<NexmarkResult> latencies = new ArrayList<>();
    private final List<NexmarkResult> results;
    private final Map<String, Object> run = new LinkedHashMap<>();

    NexmarkReport(List<NexmarkResult> results, Map<NexmarkQuery, String> expected, String loadBefore,
                  String loadAfter, double seconds, String settings) {
        this.results = List.copyOf(results);
        for (Map.Entry<NexmarkQuery, String> e : expected.entrySet()) {
            rows.add(new Row(e.getKey(), find(e.getKey(), "sluice"), find(e.getKey(), "spark"), e.getValue()));
        }
        for (NexmarkResult r : results) {
            if (r.mode().startsWith("latency")) {
                latencies.add(r);
            }
        }
        run.put("finished", Instant.now().toString());
        run.put("settings", settings);
        run.put("loadAverageBefore", loadBefore);
        run.put("loadAverageAfter", loadAfter);
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("seconds", Math.round(seconds));
    }

    private NexmarkResult find(NexmarkQuery q, String engine) {
        for (NexmarkResult r : results) {
            if (r.mode().equals("throughput") && r.engine().equals(engine) && r.query().equals(q.id())) {
                return r;
            }
        }
        return null;
    }

    private static boolean ok(NexmarkResult r) {
        return r.seconds() > 0;
    }

    boolean allMatch() {
        return rows.stream().allMatch(Row::sameResult);
    }

    private static String rate(NexmarkResult r) {
        return r == null ? "-" : ok(r) ? String.format("%,.0f", r.eventsPerSecond()) : "failed";
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Nexmark, %s; load %s -> %s, %s cores%n", run.get("settings"),
                run.get("loadAverageBefore"), run.get("loadAverageAfter"), run.get("cores")));
        sb.append(String.format("%-5s %14s %16s %14s %8s %-11s %s%n", "query", "sluice ev/s", "sluice ev/CPU-s",
                "spark ev/s", "ratio", "same result", "output (reference)"));
        for (Row r : rows) {
            sb.append(String.format("%-5s %14s %16s %14s %8s %-11s %s%n", r.query().id(), rate(r.sluice()),
                    r.sluice() == null || !ok(r.sluice()) ? "-"
                            : String.format("%,.0f", r.sluice().eventsPerCpuSecond()),
                    rate(r.spark()), Double.isNaN(r.ratio()) ? "-" : String.format("%.2fx", r.ratio()),
                    r.sameResult() ? "yes" : "NO", r.expected()));
        }
        for (NexmarkResult l : latencies) {
            sb.append(String.format("%s %s on %s: p50 %.0f ms, p99 %.0f ms (%s)%n", l.mode(), l.query(), l.engine(),
                    l.p50Millis(), l.p99Millis(), l.detail()));
        }
        return sb.toString();
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>(run);
        List<Map<String, Object>> table = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("query", r.query().id());
            row.put("sql", r.query().sql());
            row.put("simplification", r.query().simplification());
            row.put("sluiceEventsPerSecond", r.sluice() != null && ok(r.sluice())
                    ? r.sluice().eventsPerSecond() : null);
            row.put("sluiceEventsPerCpuSecond", r.sluice() != null && ok(r.sluice())
                    ? r.sluice().eventsPerCpuSecond() : null);
            row.put("sparkEventsPerSecond", r.spark() != null && ok(r.spark()) ? r.spark().eventsPerSecond() : null);
            row.put("ratio", Double.isNaN(r.ratio()) ? null : r.ratio());
            row.put("sameResult", r.sameResult());
            row.put("expected", r.expected());
            table.add(row);
        }
        root.put("table", table);
        root.put("results", results);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per query, two bars of events/s on a log scale (Sluice blue, Spark orange), the ratio and the check. */
    String svg() {
        int left = 70;
        int width = 560;
        int rowHeight = 40;
        int top = 60;
        int height = top + rows.size() * rowHeight + 40 + latencies.size() * 18;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", left + width + 260, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Nexmark events/s, Sluice (blue) vs"
                + " Spark local[2] (orange), log scale</text>\n");
        sb.append(String.format("<text x=\"10\" y=\"42\" fill=\"#555\">%s; load %s; %s</text>%n",
                escape(String.valueOf(run.get("finished"))), escape(String.valueOf(run.get("loadAverageBefore"))),
                escape(String.valueOf(run.get("settings")))));
        for (double tick : new double[] {1e3, 1e4, 1e5, 1e6, 1e7}) {
            int x = left + scale(tick, width);
            sb.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, top - 5, x,
                    top + rows.size() * rowHeight));
            sb.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n", x,
                    top + rows.size() * rowHeight + 14, tick >= 1e6 ? (int) (tick / 1e6) + "M" : (int) (tick / 1e3)
                            + "k"));
        }
        int y = top;
        for (Row r : rows) {
            sb.append(String.format("<text x=\"10\" y=\"%d\">%s</text>%n", y + 22, r.query().id()));
            bar(sb, r.sluice(), left, width, y + 4, "#1565c0");
            bar(sb, r.spark(), left, width, y + 20, "#ef6c00");
            sb.append(String.format("<text x=\"%d\" y=\"%d\">%s, same result: %s</text>%n", left + width + 10, y + 22,
                    Double.isNaN(r.ratio()) ? "-" : String.format("%.2fx", r.ratio()), r.sameResult() ? "yes" : "NO"));
            y += rowHeight;
        }
        y += 30;
        for (NexmarkResult l : latencies) {
            sb.append(String.format("<text x=\"10\" y=\"%d\">%s %s (Sluice): p50 %.0f ms, p99 %.0f ms</text>%n",
                    y, l.mode(), l.query(), l.p50Millis(), l.p99Millis()));
            y += 18;
        }
        return sb.append("</svg>\n").toString();
    }

    private static void bar(StringBuilder sb, NexmarkResult r, int left, int width, int y, String color) {
        if (r == null || !ok(r)) {
            return;
        }
        int w = Math.max(1, scale(r.eventsPerSecond(), width));
        sb.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"%s\"/>%n", left, y, w,
                color));
        sb.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"10\">%,.0f</text>%n", left + w + 4, y + 11,
                r.eventsPerSecond()));
    }

    /** Events/s from 100 to 100 M on a log scale. */
    private static int scale(double value, int width) {
        double clamped = Math.max(100, Math.min(1e8, value));
        return (int) Math.round((Math.log10(clamped) - 2) / 6 * width);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
