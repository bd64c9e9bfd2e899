package dev.sluice.benchmarks.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison's outcome: one row per (workload, peer engine) with Sluice's value, the peer's, Sluice's
 * advantage (peer time / Sluice time, or Sluice throughput / peer throughput: above 1 means Sluice is better),
 * the target and whether it is met, and whether both engines computed the same result (their
 * {@link Measurement#check()}s are equal). Rendered as a text table, JSON and a hand-written SVG bar chart.
 * Immutable after construction.
 */
final class Report {
    private final List<Row> rows = new ArrayList<>();
    private final List<Measurement> measurements;
    private final Map<String, Object> run = new LinkedHashMap<>();

    /** One line of the table. {@code met} is null when the issue sets no target for the row. */
    record Row(Workload workload, Measurement sluice, Measurement peer, double advantage, String target,
               Boolean met, boolean sameResult) {
    }

    Report(List<Measurement> measurements, String loadBefore, String loadAfter, double seconds,
           WorkloadOptions options, String arguments) {
        this.measurements = List.copyOf(measurements);
        for (Workload w : Workload.values()) {
            Measurement sluice = find("sluice", w);
            for (Measurement peer : measurements) {
                if (sluice != null && peer.workload() == w && !peer.engine().equals("sluice")) {
                    double advantage = w.higherIsBetter() ? sluice.value() / peer.value()
                            : peer.value() / sluice.value();
                    rows.add(new Row(w, sluice, peer, advantage, target(w, peer.engine()),
                            met(w, peer.engine(), sluice.value(), advantage), sluice.check().equals(peer.check())));
                }
            }
        }
        run.put("finished", Instant.now().toString());
        run.put("arguments", arguments);
        run.put("loadAverageBefore", loadBefore);
        run.put("loadAverageAfter", loadAfter);
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        run.put("wallSeconds", Math.round(seconds));
        run.put("options", options.toArgs());
    }

    private Measurement find(String engine, Workload w) {
        return measurements.stream().filter(m -> m.engine().equals(engine) && m.workload() == w).findFirst()
                .orElse(null);
    }

    private static String target(Workload w, String peer) {
        return switch (w) {
            case W1, W2 -> ">= 5x";
            case W3_P50 -> "<= 2 ms";
            case W3_P99 -> "-";
            case W4 -> peer.equals("spark") ? ">= 3x" : ">= 1.5x";
            case W5 -> "<= 300 ms";
            case W6 -> "<= 500 ms";
        };
    }

    private static Boolean met(Workload w, String peer, double sluice, double advantage) {
        return switch (w) {
            case W1, W2 -> advantage >= 5;
            case W3_P50 -> sluice <= 2;
            case W3_P99 -> null;
            case W4 -> advantage >= (peer.equals("spark") ? 3 : 1.5); // Kafka Streams: issue 14 (issue 9 asked 1x)
            case W5 -> sluice <= 300;
            case W6 -> sluice <= 500;
        };
    }

    List<Row> rows() {
        return rows;
    }

    boolean allChecksMatch() {
        return rows.stream().allMatch(Row::sameResult);
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%nSluice vs peers, load average %s -> %s, %d s%n", run.get("loadAverageBefore"),
                run.get("loadAverageAfter"), (Long) run.get("wallSeconds")));
        sb.append("| workload | unit | Sluice | peer | peer value | Sluice advantage | target | met | same result |\n");
        sb.append("| --- | --- | ---: | --- | ---: | ---: | --- | --- | --- |\n");
        for (Row r : rows) {
            sb.append(String.format("| %s | %s | %s | %s | %s | %.2fx | %s | %s | %s |%n", r.workload(),
                    r.workload().unit(), number(r.sluice().value()), r.peer().engine(), number(r.peer().value()),
                    r.advantage(), r.target(), r.met() == null ? "-" : r.met() ? "met" : "NOT met",
                    r.sameResult() ? "yes" : "NO: " + r.sluice().check() + " vs " + r.peer().check()));
        }
        return sb.toString();
    }

    private static String number(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>(run);
        List<Map<String, Object>> table = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", r.workload().name());
            row.put("description", r.workload().description());
            row.put("unit", r.workload().unit());
            row.put("sluice", r.sluice().value());
            row.put("peer", r.peer().engine());
            row.put("peerValue", r.peer().value());
            row.put("sluiceAdvantage", r.advantage());
            row.put("target", r.target());
            row.put("met", r.met());
            row.put("sameResult", r.sameResult());
            table.add(row);
        }
        root.put("table", table);
        root.put("measurements", measurements);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A horizontal bar per row: Sluice's advantage on a log scale from 0.01x to 100x, bar from 1x to the value,
     * green when the target is met, red when not, grey without a target; a tick marks the target ratio.
     */
    String svg() {
        int left = 360;
        int width = 440;
        int rowHeight = 34;
        int top = 60;
        int height = top + rows.size() * rowHeight + 40;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", left + width + 280, height));
        sb.append(String.format("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"));
        sb.append(String.format("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Sluice advantage over"
                + " Spark / Kafka Streams (log scale, &gt;1x = Sluice better)</text>%n"));
        sb.append(String.format("<text x=\"10\" y=\"42\" fill=\"#555\">%s, load average %s, %s cores</text>%n",
                escape(String.valueOf(run.get("finished"))), escape(String.valueOf(run.get("loadAverageBefore"))),
                run.get("cores")));
        for (double tick : new double[] {0.01, 0.1, 1, 10, 100}) {
            int x = left + scale(tick, width);
            sb.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n", x, top - 5, x,
                    height - 30, tick == 1 ? "#000" : "#ddd"));
            sb.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%sx</text>%n", x,
                    height - 14, tick < 1 ? String.valueOf(tick) : String.valueOf((int) tick)));
        }
        int y = top;
        for (Row r : rows) {
            String color = r.met() == null ? "#999" : r.met() ? "#2e7d32" : "#c62828";
            int one = left + scale(1, width);
            int end = left + scale(r.advantage(), width);
            sb.append(String.format("<text x=\"10\" y=\"%d\">%s vs %s (%s)</text>%n", y + 20, r.workload(),
                    r.peer().engine(), escape(r.workload().unit())));
            sb.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"%s\"/>%n",
                    Math.min(one, end), y + 6, Math.max(1, Math.abs(end - one)), color));
            sb.append(String.format("<text x=\"%d\" y=\"%d\">%.2fx %s (%s vs %s)</text>%n", left + width + 8, y + 20,
                    r.advantage(), escape(r.target()), number(r.sluice().value()), number(r.peer().value())));
            y += rowHeight;
        }
        return sb.append("</svg>\n").toString();
    }

    private static int scale(double ratio, int width) {
        double clamped = Math.max(0.01, Math.min(100, ratio));
        return (int) Math.round((Math.log10(clamped) + 2) / 4 * width);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
