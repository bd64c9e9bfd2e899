package dev.sluice.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The table's ratios, targets and result checks, and that the JSON and SVG files parse. */
class ReportTest {
    private static Measurement m(String engine, Workload w, double value, String check) {
        return new Measurement(engine, w, value, check, "");
    }

    private final Report report = new Report(List.of(
            m("sluice", Workload.W1, 600, "inputRows=10"), m("spark", Workload.W1, 100, "inputRows=10"),
            m("sluice", Workload.W3_P50, 3, "batches=5"), m("spark", Workload.W3_P50, 30, "batches=5"),
            m("sluice", Workload.W4, 200, "records=3"), m("spark", Workload.W4, 100, "records=3"),
            m("kstreams", Workload.W4, 100, "records=4"), m("sluice", Workload.W5, 250, "batches=1"),
            m("spark", Workload.W5, 5000, "batches=1")), "1.0 1.0 1.0", "2.0 2.0 2.0", 12, new WorkloadOptions(),
            "--rows=10");

    @Test
    void ratiosAreSluiceAdvantageAndTargetsFollowTheIssue() {
        assertThat(report.rows()).extracting(r -> r.workload() + " " + r.peer().engine() + " " + r.advantage()
                + " " + r.met() + " " + r.sameResult()).containsExactly(
                "W1 spark 6.0 true true",
                // lower is better: the ratio is peer / Sluice; the target is Sluice's absolute p50
                "W3_P50 spark 10.0 false true",
                "W4 spark 2.0 false true",
                "W4 kstreams 2.0 true false",
                "W5 spark 20.0 true true");
        assertThat(report.allChecksMatch()).isFalse();
        assertThat(report.table()).contains("| W4 | invoices/s | 200 | kstreams | 100 | 2.00x | >= 1.5x | met |"
                + " NO: records=3 vs records=4 |");
    }

    @Test
    void jsonAndSvgParse() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertThat(json.get("table")).hasSize(5);
        assertThat(json.get("loadAverageBefore").asText()).isEqualTo("1.0 1.0 1.0");
        assertThat(json.get("measurements").get(0).get("engine").asText()).isEqualTo("sluice");
        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(report.svg().getBytes(StandardCharsets.UTF_8)));
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("rect").getLength()).isEqualTo(1 + 5);
    }
}
