package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.java.function.MapGroupsWithStateFunction;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@code mapGroupsWithState} calls the function for the keys of different state partitions on different threads
 * (local[2], 5 partitions), and its output still comes in a one-thread run's order: keys in first-seen order.
 */
class GroupsWithStateParallelTest extends StatefulTestSupport {
    private static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    /** Running count per key; a short pause per call makes two tasks overlap for sure. */
    private static final MapGroupsWithStateFunction<String, String, Long, String> COUNT = (key, values, state) -> {
        THREADS.add(Thread.currentThread().getName());
        Thread.sleep(2);
        long count = state.getOption().orElse(0L);
        while (values.hasNext()) {
            values.next();
            count++;
        }
        state.update(count);
        return key + "=" + count;
    };

    @Test
    void partitionsRunInParallelAndTheOutputKeepsFirstSeenKeyOrder() throws Exception {
        MemoryStream input = lines();
        Dataset<String> counts = input.toDF().as(Encoders.STRING()).groupByKey(v -> v, Encoders.STRING())
                .mapGroupsWithState(COUNT, Encoders.LONG(), Encoders.STRING());
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = GroupStateTest.collect(counts, "update", null, out, null, r -> r.getString(0), false);
        // 60 keys, first seen in the order k59, k58, ..., k00; key kNN arrives (NN % 3) + 1 times per batch
        List<Row> batch = new ArrayList<>();
        List<String> expectedFirst = new ArrayList<>();
        List<String> expectedSecond = new ArrayList<>();
        for (int k = 59; k >= 0; k--) {
            String key = String.format("k%02d", k);
            int times = k % 3 + 1;
            for (int i = 0; i < times; i++) {
                batch.add(RowFactory.create(key));
            }
            expectedFirst.add(key + "=" + times);
            expectedSecond.add(key + "=" + 2 * times);
        }
        THREADS.clear();
        input.addData(batch);
        q.processAllAvailable();
        input.addData(batch);
        q.processAllAvailable();
        q.stop();
        assertThat(out.get(0L)).containsExactlyElementsOf(expectedFirst);
        assertThat(out.get(1L)).containsExactlyElementsOf(expectedSecond);
        assertThat(THREADS).as("threads that called the function").hasSizeGreaterThanOrEqualTo(2);
        assertThat(q.lastProgress().stateOperators()[0].numRowsUpdated()).isEqualTo(60);
        assertThat(q.lastProgress().stateOperators()[0].numRowsTotal()).isEqualTo(60);
    }
}
