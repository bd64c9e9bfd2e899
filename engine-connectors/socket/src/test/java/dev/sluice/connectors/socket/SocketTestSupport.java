package dev.sluice.connectors.socket;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.stream.BatchHooks;
import dev.sluice.testkit.LineServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A session and a real {@link LineServer} per test. Each step of a test sends its lines in one write and waits
 * until the query has run the batch for them: the source hands the lines of one socket read over together, so
 * one write makes one micro-batch (see {@link SocketLineClient.Listener#onLines}).
 */
abstract class SocketTestSupport {
    /** How long a step may take before the test gives up (a bound, never an assertion on speed). */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    SluiceSession spark;
    LineServer server;

    @BeforeEach
    void startServer() {
        spark = Sluice.builder().appName("socket-tests").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.conf().set("spark.sql.shuffle.partitions", "5");
        spark.streams().resetTerminated();
        server = new LineServer();
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            for (StreamingQuery q : spark.streams().active()) {
                q.stop();
            }
            StreamingTestHooks.set(spark, BatchHooks.NONE);
            spark.streams().resetTerminated();
        } finally {
            server.close();
        }
    }

    /** {@code readStream().format("socket")} on the test's server, with extra options as key, value pairs. */
    Dataset<Row> socketLines(String... extraOptions) {
        var reader = spark.readStream().format("socket").option("host", server.host()).option("port", server.port());
        for (int i = 0; i < extraOptions.length; i += 2) {
            reader = reader.option(extraOptions[i], extraOptions[i + 1]);
        }
        return reader.load();
    }

    /** Waits until {@code connections} clients have connected in total (the query's source is reading). */
    void awaitConnected(long connections) throws InterruptedException {
        server.awaitConnections(connections, PATIENCE);
    }

    /** Sends {@code lines} in one write and waits until {@code q} has finished batch {@code batchId}. */
    void step(StreamingQuery q, long batchId, String... lines) throws InterruptedException {
        server.send(lines);
        awaitBatch(q, batchId);
    }

    static void awaitBatch(StreamingQuery q, long batchId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (q.lastProgress() == null || q.lastProgress().batchId() < batchId) {
            if (q.exception().isDefined()) {
                throw new AssertionError("query failed before batch " + batchId, q.exception().get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("batch " + batchId + " did not run within " + PATIENCE + "; last progress: "
                        + q.lastProgress());
            }
            Thread.sleep(5);
        }
    }

    /** Waits until {@code q} has terminated (it is expected to fail) and returns its error. */
    static Throwable awaitFailure(StreamingQuery q) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (q.isActive()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("query still running after " + PATIENCE);
            }
            Thread.sleep(5);
        }
        if (q.exception().isEmpty()) {
            throw new AssertionError("query stopped without an error");
        }
        return q.exception().get();
    }

    /** A foreachBatch sink that records each batch's rows, rendered by {@code render} and sorted. */
    static final class BatchRecorder {
        final Map<Long, List<String>> batches = Collections.synchronizedMap(new TreeMap<>());

        StreamingQuery start(Dataset<Row> result, String outputMode, String checkpoint,
                             java.util.function.Function<Row, String> render) throws Exception {
            var writer = result.writeStream().outputMode(outputMode).foreachBatch((Dataset<Row> ds, Long id) -> {
                List<String> rows = new ArrayList<>();
                ds.collectAsList().forEach(r -> rows.add(render.apply(r)));
                rows.sort(null);
                batches.put(id, rows);
            });
            if (checkpoint != null) {
                writer = writer.option("checkpointLocation", checkpoint);
            }
            return writer.start();
        }

        List<String> batch(long id) {
            return batches.get(id);
        }
    }
}
