package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.ForeachWriter;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.ConsoleSink;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several queries per session, awaitAnyTermination, graceful stop, console, foreach and foreachBatch sinks. */
class QueryManagementTest extends StreamingTestSupport {
    @TempDir
    Path dir;

    @Test
    void awaitAnyTerminationReturnsWhenOneOfTwoQueriesEnds() throws Exception {
        MemoryStream a = lines();
        MemoryStream b = lines();
        StreamingQuery first = a.toDF().writeStream().format("noop").queryName("first").start();
        StreamingQuery second = b.toDF().writeStream().format("noop").queryName("second").start();
        assertThat(spark.streams().active()).containsExactlyInAnyOrder(first, second);
        assertThat(spark.streams().get(first.id())).isSameAs(first);
        assertThat(spark.streams().awaitAnyTermination(50)).as("%s %s", first.exception(), second.exception()).isFalse();

        Thread stopper = new Thread(() -> {
            try {
                second.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        assertThat(spark.streams().awaitAnyTermination(10_000)).isTrue();
        assertThat(second.isActive()).isFalse();
        assertThat(first.isActive()).isTrue();
        assertThat(spark.streams().active()).containsExactly(first);

        spark.streams().resetTerminated();
        assertThat(spark.streams().awaitAnyTermination(50)).as("%s %s", first.isActive(), first.exception()).isFalse();
    }

    @Test
    void awaitAnyTerminationRethrowsAFailure() throws Exception {
        MemoryStream input = lines();
        input.addValues("x");
        input.toDF().writeStream().foreachBatch((Dataset<Row> ds, Long id) -> {
            throw new IllegalArgumentException("bad batch");
        }).start();
        assertThatThrownBy(() -> spark.streams().awaitAnyTermination(10_000))
                .isInstanceOf(StreamingQueryException.class).hasMessageContaining("bad batch");
    }

    @Test
    void twoActiveQueriesCannotShareANameOrACheckpoint() throws Exception {
        MemoryStream input = lines();
        String checkpoint = dir.resolve("shared").toString();
        input.toDF().writeStream().format("noop").queryName("dup").option("checkpointLocation", checkpoint).start();
        assertThatThrownBy(() -> input.toDF().writeStream().format("noop").queryName("dup").start())
                .isInstanceOf(IllegalArgumentException.class)
                // Spark's text, naming the user's session type (Spark says SparkSession).
                .hasMessage("Cannot start query with name dup as a query with that name is already active in this"
                        + " SluiceSession");
        assertThatThrownBy(() -> input.toDF().writeStream().format("noop").option("checkpointLocation", checkpoint)
                .start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("as another query with same id is already active");
    }

    @Test
    void gracefulStopLetsTheRunningBatchFinishAndCommit() throws Exception {
        MemoryStream input = lines();
        String checkpoint = dir.resolve("graceful").toString();
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StreamingQuery q = input.toDF().writeStream().option("checkpointLocation", checkpoint)
                .foreachBatch((Dataset<Row> ds, Long id) -> {
                    inBatch.countDown();
                    release.await();
                }).start();
        input.addValues("a");
        assertThat(inBatch.await(10, TimeUnit.SECONDS)).isTrue();
        Thread shutdown = new Thread(spark.streams()::stopAllGracefully);
        shutdown.start();
        shutdown.join(100);
        assertThat(shutdown.isAlive()).isTrue(); // waits for the batch
        release.countDown();
        shutdown.join(10_000);
        assertThat(q.isActive()).isFalse();
        assertThat(q.exception().isEmpty()).isTrue();
        assertThat(Path.of(checkpoint, "commits", "0")).exists();
    }

    @Test
    void consoleSinkPrintsSparksBatchHeaderAndTable() {
        ConsoleSink sink = new ConsoleSink(20, true, () -> System.out);
        Dataset<Row> data = spark.createDataFrame(List.of(dev.sluice.sql.RowFactory.create("Spark", 1L)),
                new dev.sluice.sql.types.StructType().add("palabra", dev.sluice.sql.types.DataTypes.StringType)
                        .add("count", dev.sluice.sql.types.DataTypes.LongType, false));
        assertThat(sink.render(3, data)).isEqualTo("""
                -------------------------------------------
                Batch: 3
                -------------------------------------------
                +-------+-----+
                |palabra|count|
                +-------+-----+
                |  Spark|    1|
                +-------+-----+

                """);
    }

    @Test
    void consoleFormatPrintsEachBatchToStandardOutput() throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            MemoryStream input = lines();
            StreamingQuery q = input.toDF().groupBy("value").count().writeStream().format("console")
                    .outputMode("complete").option("numRows", 5).start();
            input.addValues("x");
            q.processAllAvailable();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString()).startsWith("-------------------------------------------\nBatch: 0\n")
                .contains("|    x|    1|");
    }

    @Test
    void foreachWriterIsOpenedPerBatchAndClosed() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        MemoryStream input = lines();
        StreamingQuery q = input.toDF().writeStream().foreach(new ForeachWriter<Row>() {
            @Override
            public boolean open(long partitionId, long epochId) {
                calls.add("open " + partitionId + " " + epochId);
                return true;
            }

            @Override
            public void process(Row value) {
                calls.add("process " + value.getString(0));
            }

            @Override
            public void close(Throwable errorOrNull) {
                calls.add("close " + errorOrNull);
            }
        }).start();
        input.addValues("a", "b");
        q.processAllAvailable();
        assertThat(calls).containsExactly("open 0 0", "process a", "process b", "close null");
    }

    @Test
    void explainShowsThePlanWithItsStatefulOperators() throws Exception {
        StreamingQuery q = lines().toDF().groupBy("value").count().writeStream().format("noop")
                .outputMode("complete").start();
        String plan = ((dev.sluice.stream.MicroBatchExecution) q).explainString(false);
        // Spark 4.1's physical operator names: StateStoreSave (with the state's operator id) over MicroBatchScan.
        assertThat(plan).startsWith("== Physical Plan ==\nStateStoreSave [value#")
                .contains(", Complete, state info [ opId = 0 ]")
                .contains("+- MicroBatchScan[value#").contains("] MemoryStream[value]");
    }
}
