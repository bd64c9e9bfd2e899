package dev.sluice.connectors.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import dev.sluice.testkit.LineServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket source's contract: options and schema as Spark's, line splitting and decoding, the connection
 * policy (fail at start, fail after a disconnect once every received line is processed), and restarts from a
 * checkpoint (the counter continues; a batch that would need lost lines is refused unless
 * {@code failOnDataLoss} is false).
 */
class TextSocketSourceTest extends SocketTestSupport {
    @TempDir
    Path dir;

    private static String text(Row r) {
        return r.getString(0);
    }

    @Test
    void schemaIsValueAndWithIncludeTimestampAlsoTimestamp() {
        assertThat(socketLines().schema()).isEqualTo(new StructType().add("value", DataTypes.StringType));
        assertThat(socketLines("includeTimestamp", "TRUE").schema()).isEqualTo(new StructType()
                .add("value", DataTypes.StringType).add("timestamp", DataTypes.TimestampType));
    }

    @Test
    void missingOrInvalidOptionsFailAtLoadWithSparksErrors() {
        assertThatThrownBy(() -> spark.readStream().format("socket").option("port", 1).load())
                .isInstanceOf(AnalysisException.class)
                .hasMessage("Set a host to read from with option(\"host\", ...).");
        assertThatThrownBy(() -> spark.readStream().format("socket").option("host", "localhost").load())
                .isInstanceOf(AnalysisException.class)
                .hasMessage("Set a port to read from with option(\"port\", ...).");
        assertThatThrownBy(() -> socketLines("includeTimestamp", "yes"))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("includeTimestamp must be set to either \"true\" or \"false\"");
        assertThatThrownBy(() -> spark.readStream().format("socket").option("host", "localhost")
                .option("port", "ninety").load())
                .isInstanceOf(dev.sluice.SluiceIllegalArgumentException.class).hasMessageContaining("\"ninety\"")
                .hasMessageContaining("'port'").hasFieldOrPropertyWithValue("condition", "SLUICE_INVALID_OPTION_VALUE");
        assertThatThrownBy(() -> spark.readStream().format("socket").option("host", "localhost")
                .option("port", 70000).load())
                .hasMessageContaining("port out of range:70000")
                .hasFieldOrPropertyWithValue("condition", "SLUICE_INVALID_OPTION_VALUE");
        assertThatThrownBy(() -> socketLines("failOnDataLoss", "maybe"))
                .hasMessageContaining("'failOnDataLoss'").hasMessageContaining("'maybe'")
                .hasFieldOrPropertyWithValue("condition", "SLUICE_INVALID_OPTION_VALUE");
        assertThatThrownBy(() -> spark.readStream().format("socket").schema("value STRING")
                .option("host", "localhost").option("port", 1).load())
                .isInstanceOf(AnalysisException.class).hasMessageContaining("user-specified schema");
    }

    @Test
    void batchReadAndWriteFailAsInSpark() {
        assertThatThrownBy(() -> spark.read().format("socket").option("host", "localhost").option("port", 9999).load())
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[UNSUPPORTED_FEATURE.TABLE_OPERATION] The feature is not supported: Table"
                        + " `Socket[localhost:9999]` does not support batch scan.")
                .hasMessageEndingWith("SQLSTATE: 0A000");
        assertThatThrownBy(() -> spark.read().format("socket").load())
                .hasMessage("Set a host to read from with option(\"host\", ...).");
    }

    @Test
    void linesAreUtf8SplitOnNewlineWithCarriageReturnsStripped() throws Exception {
        BatchRecorder out = new BatchRecorder();
        StreamingQuery q = out.start(socketLines(), "append", null, r -> "[" + text(r) + "]");
        awaitConnected(1);
        server.sendRaw("año über\r\nzwei\n\nñ\r\n");
        awaitBatch(q, 0);
        assertThat(out.batch(0)).containsExactly("[]", "[año über]", "[zwei]", "[ñ]");
    }

    @Test
    void includeTimestampGivesEachLineItsArrivalTime() throws Exception {
        List<Row>[] rows = new List[1];
        StreamingQuery q = socketLines("includeTimestamp", "true").writeStream()
                .foreachBatch((Dataset<Row> ds, Long id) -> rows[0] = ds.collectAsList()).start();
        awaitConnected(1);
        long before = System.currentTimeMillis();
        step(q, 0, "uno", "dos");
        long after = System.currentTimeMillis();
        assertThat(rows[0]).extracting(r -> r.getString(0)).containsExactly("uno", "dos");
        for (Row r : rows[0]) {
            assertThat(((Timestamp) r.get(1)).getTime()).isBetween(before, after);
        }
    }

    @Test
    void unreachableServerFailsTheQueryNamingHostAndPort() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        StreamingQuery q = spark.readStream().format("socket").option("host", "127.0.0.1").option("port", freePort)
                .load().writeStream().format("noop").start();
        Throwable failure = awaitFailure(q);
        assertThat(failure).hasMessageContaining("Cannot connect to the socket source at 127.0.0.1:" + freePort);
    }

    @Test
    void serverClosingTheConnectionFailsTheQueryAfterEveryReceivedLineIsProcessed() throws Exception {
        BatchRecorder out = new BatchRecorder();
        StreamingQuery q = out.start(socketLines(), "append", null, TextSocketSourceTest::text);
        awaitConnected(1);
        step(q, 0, "antes");
        server.sendRaw("ultima\nsin salto");
        server.disconnectClients();
        Throwable failure = awaitFailure(q);
        assertThat(failure).hasMessageContaining("The connection to the socket source at " + server.host() + ":"
                + server.port() + " was closed by the server after 3 lines")
                .hasMessageContaining("does not reconnect");
        List<String> all = out.batches.values().stream().flatMap(List::stream).sorted().toList();
        assertThat(all).containsExactly("antes", "sin salto", "ultima");
    }

    @Test
    void restartAfterACommittedBatchContinuesTheLineCounter() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        BatchRecorder first = new BatchRecorder();
        StreamingQuery q = first.start(socketLines(), "append", checkpoint, TextSocketSourceTest::text);
        awaitConnected(1);
        step(q, 0, "a", "b");
        step(q, 1, "c");
        q.stop();

        server.send("sent while no query listens"); // lost: nobody is connected (the documented window (c))
        BatchRecorder second = new BatchRecorder();
        StreamingQuery restarted = second.start(socketLines(), "append", checkpoint, TextSocketSourceTest::text);
        awaitConnected(2);
        step(restarted, 2, "d", "e");
        assertThat(second.batch(2)).containsExactly("d", "e");
        assertThat(restarted.lastProgress().sources()[0].startOffset()).isEqualTo("2");
        assertThat(restarted.lastProgress().sources()[0].endOffset()).isEqualTo("4");
    }

    @Test
    void restartThatWouldNeedLinesOfAnUncommittedBatchIsRefused() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        StreamingQuery q = crashBeforeCommittingBatch1(checkpoint);

        BatchRecorder second = new BatchRecorder();
        StreamingQuery restarted = second.start(socketLines(), "append", checkpoint, TextSocketSourceTest::text);
        Throwable failure = awaitFailure(restarted);
        assertThat(failure).hasMessageContaining("The socket source at " + server.host() + ":" + server.port()
                        + " cannot re-read lines 2 to 2 of the batch being re-run after a restart")
                .hasMessageContaining("not replayable").hasMessageContaining("failOnDataLoss");
        assertThat(second.batches).isEmpty();
        assertThat(q.isActive()).isFalse();
    }

    @Test
    void withFailOnDataLossFalseTheLostBatchRunsEmptyAndTheQueryGoesOn() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        crashBeforeCommittingBatch1(checkpoint);

        BatchRecorder second = new BatchRecorder();
        StreamingQuery restarted = second.start(socketLines("failOnDataLoss", "false"), "append", checkpoint,
                TextSocketSourceTest::text);
        awaitConnected(2);
        awaitBatch(restarted, 1);
        assertThat(second.batch(1)).isEmpty();
        step(restarted, 2, "despues");
        assertThat(second.batch(2)).containsExactly("despues");
        assertThat(restarted.lastProgress().sources()[0].startOffset()).isEqualTo("2");
        assertThat(restarted.lastProgress().sources()[0].endOffset()).isEqualTo("3");
    }

    /** Runs batch 0 ("a", "b"), then fails batch 1 ("c") after its offsets are logged, before its commit. */
    private StreamingQuery crashBeforeCommittingBatch1(String checkpoint) throws Exception {
        StreamingTestHooks.set(spark, new CrashBeforeCommit(1));
        BatchRecorder first = new BatchRecorder();
        StreamingQuery q = first.start(socketLines(), "append", checkpoint, TextSocketSourceTest::text);
        awaitConnected(1);
        step(q, 0, "a", "b");
        server.send("c");
        assertThat(awaitFailure(q)).hasMessageContaining(CrashBeforeCommit.MESSAGE);
        StreamingTestHooks.set(spark, BatchHooks.NONE);
        spark.streams().resetTerminated();
        return q;
    }

    @Test
    void commitDropsDeliveredLinesFromMemory() throws Exception {
        TextSocketSource source = new TextSocketSource(new SocketSourceOptions(server.host(), server.port(), false, true),
                new StructType().add("value", DataTypes.StringType));
        try {
            awaitConnected(1);
            server.send("x", "y", "z");
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (source.latestOffset(null, ReadLimit.allAvailable()) == null
                    || !source.latestOffset(null, ReadLimit.allAvailable()).json().equals("2")) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(source.read(null, Offset.of("2")).get(0).rowCount()).isEqualTo(3);
            source.commit(Offset.of("1"));
            assertThat(source.read(Offset.of("1"), Offset.of("2")).get(0).column(0).getString(0)).isEqualTo("z");
            assertThatThrownBy(() -> source.read(null, Offset.of("2")))
                    .hasMessageContaining("holds lines (1, 2], not the requested range (-1, 2]");
            assertThatThrownBy(() -> source.commit(Offset.of("0"))).hasMessageContaining("committed out of order");
        } finally {
            source.stop();
        }
    }

    @Test
    void lineServerFeedsSeveralQueriesAtOnce() throws Exception {
        try (LineServer other = new LineServer()) {
            assertThat(other.port()).isNotEqualTo(server.port());
        }
        BatchRecorder a = new BatchRecorder();
        BatchRecorder b = new BatchRecorder();
        StreamingQuery qa = a.start(socketLines(), "append", null, TextSocketSourceTest::text);
        StreamingQuery qb = b.start(socketLines(), "append", null, TextSocketSourceTest::text);
        awaitConnected(2);
        server.send("para todos");
        awaitBatch(qa, 0);
        awaitBatch(qb, 0);
        assertThat(a.batch(0)).containsExactly("para todos");
        assertThat(b.batch(0)).containsExactly("para todos");
    }
}
