package dev.sluice.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON API, /metrics and the server's binding, through a real HTTP client. */
class UiApiTest extends UiTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void offByDefault() {
        SluiceSession.getActiveSession().ifPresent(SluiceSession::stop);
        spark = Sluice.builder().appName("no-ui").master("local[1]").getOrCreate();
        assertThat(SluiceUi.url(spark)).isEmpty();
    }

    @Test
    void queriesAndTheirProgress() throws Exception {
        session();
        StreamingQuery q = rateQuery("rates");
        eventually(() -> assertThat(q.recentProgress().length).isGreaterThanOrEqualTo(3));

        HttpResponse<String> list = get("/api/queries");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
        JsonNode queries = JSON.readTree(list.body());
        assertThat(queries).hasSize(1);
        JsonNode entry = queries.get(0);
        assertThat(entry.get("name").asText()).isEqualTo("rates");
        assertThat(entry.get("id").asText()).isEqualTo(q.id().toString());
        assertThat(entry.get("runId").asText()).isEqualTo(q.runId().toString());
        assertThat(entry.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(entry.get("batches").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(entry.get("lastError").isNull()).isTrue();

        JsonNode progress = JSON.readTree(get("/api/queries/" + q.id() + "/progress?last=2").body());
        assertThat(progress).hasSize(2);
        assertThat(progress.get(1).get("batchId").asLong()).isEqualTo(progress.get(0).get("batchId").asLong() + 1);
        assertThat(progress.get(0).get("sources").get(0).get("description").asText()).startsWith("RateStreamV2");
        assertThat(progress.get(0).has("durationMs")).isTrue();

        JsonNode detail = JSON.readTree(get("/api/queries/" + q.runId()).body());
        assertThat(detail.get("plan").asText()).contains("== Physical Plan ==");
        assertThat(detail.get("checkpointLocation").asText()).isNotEmpty();

        JsonNode metrics = JSON.readTree(get("/api/queries/" + q.id() + "/metrics?last=3").body());
        assertThat(metrics).hasSize(3);
        assertThat(metrics.get(2).get("metrics").has("input.rate")).isTrue();
        assertThat(metrics.get(2).get("metrics").has("state.rows.0")).isTrue();

        q.stop();
        eventually(() -> assertThat(JSON.readTree(get("/api/queries").body()).get(0).get("status").asText())
                .isEqualTo("FINISHED"));
    }

    @Test
    void badRequestsGetClearAnswers() throws Exception {
        session();
        StreamingQuery q = rateQuery("bad");
        assertThat(get("/api/queries/" + q.id() + "/progress?last=x").statusCode()).isEqualTo(400);
        assertThat(get("/api/queries/" + q.id() + "/progress?last=x").body()).contains("last must be a whole number");
        HttpResponse<String> unknown = get("/api/queries/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No query with id or runId 00000000-0000-0000-0000-000000000000");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(get("/static/../UiServer.class").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(ui().resolve("/api/queries"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(q.isActive()).isTrue();
    }

    @Test
    void metricsInPrometheusTextWhenEnabled() throws Exception {
        session("spark.sql.streaming.metricsEnabled", "true");
        StreamingQuery q = rateQuery("prom");
        eventually(() -> assertThat(q.recentProgress().length).isGreaterThanOrEqualTo(2));
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).contains(PrometheusText.CONTENT_TYPE);
        assertThat(metrics.body())
                .contains("# TYPE sluice_streaming_input_rate gauge\n")
                .containsPattern("\nsluice_streaming_batch_id\\{query=\"prom\"} \\d+\n")
                .containsPattern("\nsluice_streaming_phase_duration\\{query=\"prom\",phase=\"addBatch\"} \\d+\n")
                .containsPattern("\nsluice_streaming_state_rows\\{query=\"prom\",operator=\"0\"} \\d+\n");
    }

    @Test
    void metricsPageIsEmptyWhenMetricsAreDisabled() throws Exception {
        session();
        StreamingQuery q = rateQuery("quiet");
        eventually(() -> assertThat(q.recentProgress().length).isGreaterThanOrEqualTo(1));
        assertThat(get("/metrics").body()).isEmpty();
    }

    @Test
    void aFailedQueryShowsItsErrorAndNoSecret() throws Exception {
        session();
        // the test binding (slf4j-simple) writes to whatever System.err is when a line is logged
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        StreamingQuery q;
        try {
            q = failingJdbcQuery("failing");
            eventually(() -> assertThat(logged.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Caused by: java.sql.SQLException"));
        } finally {
            System.setErr(stderr);
        }
        String log = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("ERROR dev.sluice.streaming - Streaming query failing")
                .contains("terminated with error [FAILED_JDBC.CONNECT]: Could not connect")
                .doesNotContain(URL_SECRET).doesNotContain(PASSWORD);
        JsonNode entry = JSON.readTree(get("/api/queries").body()).get(0);
        assertThat(entry.get("status").asText()).isEqualTo("FAILED");
        assertThat(entry.get("errorClass").asText()).isEqualTo("FAILED_JDBC.CONNECT");
        assertThat(entry.get("lastError").asText()).startsWith("Could not connect to jdbc:mariadb://127.0.0.1:1/db");
        for (String path : List.of("/api/queries", "/api/queries/" + q.id(), "/api/queries/" + q.id() + "/progress",
                "/api/queries/" + q.id() + "/metrics", "/metrics")) {
            assertThat(get(path).body()).as(path).doesNotContain(URL_SECRET).doesNotContain(PASSWORD);
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        session();
        assertThat(ui().getHost()).isEqualTo("127.0.0.1");
        assertThat(get("/").statusCode()).isEqualTo(200);
        for (InetAddress address : nonLoopbackAddresses()) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, ui().getPort()), 2000);
                }
            }).as("connect to " + address).isInstanceOfAny(ConnectException.class, java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void anotherAddressOnlyWhenSetExplicitly() throws Exception {
        session("spark.ui.bindAddress", "0.0.0.0");
        for (InetAddress address : nonLoopbackAddresses()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, ui().getPort()), 2000);
                assertThat(s.isConnected()).isTrue();
            }
        }
        assertThat(get("/api/queries").statusCode()).isEqualTo(200);
    }

    @Test
    void aTakenPortMovesToTheNextAsSparkDoes() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            session("spark.ui.port", Integer.toString(taken.getLocalPort()));
            assertThat(ui().getPort()).isGreaterThan(taken.getLocalPort());
        }
    }

    @Test
    void aMissingUiModuleOrBadSettingIsExplained() {
        SluiceSession.getActiveSession().ifPresent(SluiceSession::stop);
        assertThatThrownBy(() -> Sluice.builder().master("local[1]").config("spark.ui.enabled", "true")
                .config("spark.ui.port", "http").getOrCreate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'http' in the config \"spark.ui.port\" is"
                        + " invalid. It should be a/an 'int' value. SQLSTATE: 22022");
    }

    @Test
    void assetsComeFromTheJarWithoutCdn() throws Exception {
        session();
        for (String path : List.of("/", "/query?id=x", "/static/common.js", "/static/charts.js", "/static/list.js",
                "/static/query.js", "/static/style.css")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContainPattern("(src|href)=\"(https?:)?//");
            assertThat(r.headers().firstValue("content-security-policy")).contains("default-src 'self'");
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws Exception {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                })
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).map(a -> (InetAddress) a).toList();
    }
}
