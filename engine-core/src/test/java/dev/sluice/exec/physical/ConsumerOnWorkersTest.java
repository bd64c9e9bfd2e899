package dev.sluice.exec.physical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A {@link ChunkConsumer#acceptsOnWorkers()} consumer (the Kafka sink's writer) is called on the region's worker
 * threads, one call at a time, in the single-threaded order; its failure is rethrown on the calling thread as
 * thrown; a consumer that does not ask for it stays on the calling thread.
 */
class ConsumerOnWorkersTest {
    private static final StructType SCHEMA = new StructType().add("k", DataTypes.IntegerType);
    private static final SluiceSession SPARK = Sluice.builder().master("local[2]").getOrCreate();

    /** 200 chunks of 5 rows (0..999) through a filter and a projection: 200 morsels. */
    private static PhysicalPlan plan() {
        List<Chunk> chunks = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rows.add(RowFactory.create(c * 5 + i));
            }
            chunks.addAll(JavaValues.toChunks(rows, SCHEMA, ZoneOffset.UTC));
        }
        Dataset<Row> df = Dataset.ofRows(SPARK, new LocalRelation(SluiceSession.attributes(SCHEMA), chunks))
                .filter("k % 7 <> 3").selectExpr("k * 2 AS k2");
        return PhysicalPlanner.planQuery(df.logicalPlan());
    }

    private static List<Integer> values(List<Chunk> chunks) {
        StructType out = new StructType().add("k2", DataTypes.IntegerType);
        return JavaValues.toRows(chunks, out).stream().map(r -> r.getInt(0)).toList();
    }

    @Test
    void chunksArriveOnWorkersOneAtATimeInOrder() {
        PhysicalPlan plan = plan();
        List<Integer> expected = values(new ExecutionContext(0, 1).collect(plan));
        List<Chunk> got = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        new ExecutionContext(0, 2).run(plan, ChunkConsumer.onWorkers(chunk -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            threads.add(Thread.currentThread().getName());
            got.add(chunk);
            Thread.yield(); // give another worker the chance to overlap, were calls not one at a time
            inside.decrementAndGet();
        }));
        assertThat(values(got)).isEqualTo(expected).hasSize(1000 - 143);
        assertThat(overlaps).hasValue(0);
        assertThat(threads).allMatch(t -> t.startsWith("sluice-worker-"));
    }

    @Test
    void aConsumerThatDoesNotAskStaysOnTheCallingThread() {
        List<String> threads = new ArrayList<>();
        new ExecutionContext(0, 2).run(plan(), chunk -> threads.add(Thread.currentThread().getName()));
        assertThat(threads).isNotEmpty().allMatch(t -> t.equals(Thread.currentThread().getName()));
    }

    @Test
    void aFailureOnAWorkerIsRethrownAsThrownOnTheCallingThread() {
        IllegalStateException boom = new IllegalStateException("sink failed");
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new ExecutionContext(0, 2).run(plan(), ChunkConsumer.onWorkers(chunk -> {
            if (calls.incrementAndGet() == 50) {
                throw boom;
            }
        }))).isSameAs(boom);
        assertThat(calls).hasValue(50); // nothing is pushed after the failure
    }
}
