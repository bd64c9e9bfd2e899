package dev.sluice.connectors.socket;

import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.split;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's word count over real TCP with {@code Trigger.RealTime}: each line's changed counts reach the memory
 * sink while the (one-hour) epoch is still open, and the query's stop commits the epoch.
 */
class SocketRealTimeTest extends SocketTestSupport {
    @Test
    void eachLinesCountsAreVisibleAsTheLineArrives() throws Exception {
        spark.conf().set("spark.sql.streaming.realTimeMode.minBatchDuration", "0");
        Dataset<Row> lineasDF = socketLines();
        StreamingQuery q = lineasDF.select(explode(split(lineasDF.col("value"), " ")).alias("palabra"))
                .groupBy("palabra").count().writeStream().format("memory").queryName("rt_words").outputMode("update")
                .trigger(Trigger.RealTime("1 hour")).start();
        awaitConnected(1);
        server.send("Hola Mundo");
        awaitRows(2);
        server.send("Hola desde el Severo");
        awaitRows(6);
        assertThat(rows()).containsExactly("Hola=1", "Hola=2", "Mundo=1", "Severo=1", "desde=1", "el=1");
        assertThat(q.recentProgress()).isEmpty(); // still inside the first epoch
        q.stop();
        assertThat(q.lastProgress().batchId()).isZero();
        assertThat(q.lastProgress().numInputRows()).isEqualTo(2);
    }

    private List<String> rows() {
        List<String> out = new ArrayList<>();
        for (Row r : spark.table("rt_words").collectAsList()) {
            out.add(r.getString(0) + "=" + r.getLong(1));
        }
        out.sort(null);
        return out;
    }

    private void awaitRows(int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (rows().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + count + " rows, have " + rows());
            }
            Thread.sleep(10);
        }
    }
}
