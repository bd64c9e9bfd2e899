package dev.sluice.sql.streaming;

import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the stateful aggregation path (not JMH; a first figure): batches of 100,000 rows over
 * 20,000 keys through {@code groupBy(key).count()} in update mode, 5 state partitions, with each store.
 * Reports rows per second of {@code addBatch} (aggregation, state reads and writes) plus {@code commitOffsets}
 * (state commit). Not part of the build; run with
 * {@code mvn -o verify -pl engine-sql-lite,engine-core,engine-state -Dtest=StatefulAggregationBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StatefulAggregationBenchmark {
    private static final int ROWS = 100_000;
    private static final int KEYS = 20_000;
    private static final int WARMUP = 3;
    private static final int BATCHES = 10;

    @Test
    void measure() throws Exception {
        for (String provider : List.of("hdfs", "rocksdb")) {
            SluiceSession spark = Sluice.builder().master("local[2]").config("spark.sql.shuffle.partitions", "5")
                    .getOrCreate();
            spark.conf().set("spark.sql.streaming.stateStore.providerClass", provider);
            StructType schema = new StructType().add("key", DataTypes.LongType).add("value", DataTypes.LongType);
            MemoryStream input = MemoryStream.of(spark, schema);
            StreamingQuery q = input.toDF().groupBy("key").count().writeStream().format("noop").outputMode("update")
                    .option("checkpointLocation", Files.createTempDirectory("sluice-stateful-bench-").toString())
                    .start();
            long millis = 0;
            for (int b = 0; b < WARMUP + BATCHES; b++) {
                List<Row> rows = new ArrayList<>(ROWS);
                for (int i = 0; i < ROWS; i++) {
                    rows.add(RowFactory.create((long) ((i * 7919L + b) % KEYS), (long) i));
                }
                input.addData(rows);
                q.processAllAvailable();
                Map<String, Long> d = q.lastProgress().durationMs();
                if (b >= WARMUP) {
                    millis += d.get("addBatch") + d.get("commitOffsets");
                }
            }
            StateOperatorProgress state = q.lastProgress().stateOperators()[0];
            q.stop();
            System.out.printf("stateful aggregation, %s: %,.0f rows/s (%d batches of %,d rows, %,d keys in state,"
                    + " last commit %d ms)%n", provider, BATCHES * (double) ROWS / Math.max(millis, 1) * 1000, BATCHES,
                    ROWS, state.numRowsTotal(), state.commitTimeMs());
        }
    }
}
