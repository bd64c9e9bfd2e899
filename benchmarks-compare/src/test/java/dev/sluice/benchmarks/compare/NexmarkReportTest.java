package dev.sluice.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.nexmark.NexmarkQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Nexmark table: ratios from the two engines' rates, "same result" only when both match the reference. */
class NexmarkReportTest {
    private static NexmarkResult run(String engine, String query, long events, double seconds, String check) {
        return new NexmarkResult(engine, query, "throughput", events, seconds, seconds / 2, check, 0, 0, "");
    }

    @Test
    void ratiosChecksLatencyAndFailuresAppearInEveryForm() throws Exception {
        Map<NexmarkQuery, String> expected = new LinkedHashMap<>();
        expected.put(NexmarkQuery.Q0, "rows=10 digest=a");
        expected.put(NexmarkQuery.Q5, "rows=3 digest=b");
        expected.put(NexmarkQuery.Q7, "rows=1 digest=c");
        List<NexmarkResult> results = List.of(
                run("sluice", "q0", 1_000_000, 2, "rows=10 digest=a"),
                run("spark", "q0", 1_000_000, 8, "rows=10 digest=a"),
                run("sluice", "q5", 1_000_000, 4, "rows=3 digest=b"),
                run("spark", "q5", 1_000_000, 5, "rows=3 digest=X"),
                run("sluice", "q7", 1_000_000, 4, "rows=1 digest=c"),
                new NexmarkResult("spark", "q7", "throughput", 0, 0, 0, "FAILED (exit 1)", 0, 0, "failed"),
                new NexmarkResult("sluice", "q0", "latency-realtime", 300_000, 30, 20, "rows=5", 12, 40, "x"));
        NexmarkReport report = new NexmarkReport(results, expected, "1.0 1.0 1.0", "2.0 2.0 2.0", 60,
                "events=1000000");
        String table = report.table();
        assertThat(table).contains("q0", "500,000", "1,000,000", "125,000", "4.00x", "yes");
        assertThat(table).containsPattern("q5 .* NO ").containsPattern("q7 .*failed .* - ");
        assertThat(table).contains("latency-realtime q0 on sluice: p50 12 ms, p99 40 ms");
        assertThat(report.allMatch()).isFalse();
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertThat(json.get("table").get(0).get("ratio").asDouble()).isEqualTo(4.0);
        assertThat(json.get("table").get(1).get("sameResult").asBoolean()).isFalse();
        assertThat(json.get("table").get(2).get("sparkEventsPerSecond").isNull()).isTrue();
        assertThat(report.svg()).startsWith("<svg").contains("4.00x, same result: yes", "p99 40 ms")
                .endsWith("</svg>\n");
    }
}
