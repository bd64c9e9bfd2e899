package dev.sluice.ui;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** A session with its UI on a free port, real queries to show, and a real HTTP client. */
abstract class UiTestSupport {
    /** What the failing query's connection URL and password hold: must never be shown. */
    static final String URL_SECRET = "urlSecret-4e8a";
    static final String PASSWORD = "hunter2-c19f";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    SluiceSession spark;

    /** A fresh session (the active one is stopped: the UI starts with a session) with {@code extra} settings. */
    SluiceSession session(String... extra) {
        SluiceSession.getActiveSession().ifPresent(SluiceSession::stop);
        SluiceSession.Builder builder = Sluice.builder().appName("ui-tests").master("local[2]")
                .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "true")
                .config("spark.ui.port", "0");
        for (int i = 0; i < extra.length; i += 2) {
            builder.config(extra[i], extra[i + 1]);
        }
        spark = builder.getOrCreate();
        return spark;
    }

    @AfterEach
    void stopSession() {
        if (spark != null) {
            spark.stop();
        }
    }

    URI ui() {
        return SluiceUi.url(spark).orElseThrow();
    }

    /** A rate-source query counting rows per 1-second window, a batch every 200 ms. */
    StreamingQuery rateQuery(String name) throws Exception {
        return spark.readStream().format("rate").option("rowsPerSecond", "20").load()
                .withWatermark("timestamp", "2 seconds")
                .groupBy(dev.sluice.sql.functions.window(dev.sluice.sql.functions.col("timestamp"), "1 second"))
                .count().writeStream().format("memory").queryName(name).outputMode("append")
                .trigger(Trigger.ProcessingTime(200)).start();
    }

    /** A query whose JDBC sink cannot connect: it fails, and its URL and options hold secrets. */
    StreamingQuery failingJdbcQuery(String name) throws Exception {
        return spark.readStream().format("rate").option("rowsPerSecond", "5").load().writeStream().format("jdbc")
                .queryName(name)
                .option("url", "jdbc:mariadb://127.0.0.1:1/db?connectTimeout=2000&password=" + URL_SECRET)
                .option("dbtable", "t").option("user", "sluice").option("password", PASSWORD).start();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(ui().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code assertion} for up to 20 s. */
    static void eventually(ThrowingRunnable assertion) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
