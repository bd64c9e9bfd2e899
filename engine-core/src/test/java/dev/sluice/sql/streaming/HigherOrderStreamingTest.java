package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.exists;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.filter;
import static dev.sluice.sql.functions.length;
import static dev.sluice.sql.functions.split;
import static dev.sluice.sql.functions.transform;
import static dev.sluice.sql.functions.upper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Higher-order functions in streaming queries: per-batch projections and a grouping key of an aggregation. */
class HigherOrderStreamingTest extends StreamingTestSupport {
    @Test
    void lambdasRunInEveryMicroBatch() throws Exception {
        MemoryStream input = MemoryStream.of(spark, LINES);
        Dataset<Row> words = input.toDF().select(split(col("value"), " ").alias("w"))
                .select(transform(filter(col("w"), w -> length(w).gt(1)), w -> upper(w))
                        .alias("long"), expr("aggregate(w, 0, (n, x) -> n + length(x))").alias("letters"));
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = words.writeStream().outputMode("append").foreachBatch((Dataset<Row> batch, Long id) -> {
            out.put(id, new ArrayList<>(batch.collectAsList().stream().map(Object::toString).toList()));
        }).start();
        try {
            input.addValues("a bb ccc", "dddd");
            q.processAllAvailable();
            input.addValues("e ff");
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(out).isEqualTo(Map.of(
                0L, List.of("[[BB, CCC],6]", "[[DDDD],4]"),
                1L, List.of("[[FF],3]")));
    }

    @Test
    void aLambdaResultAsGroupingKeyOfAStreamingAggregation() throws Exception {
        MemoryStream input = MemoryStream.of(spark, LINES);
        Dataset<Row> counts = input.toDF()
                .groupBy(exists(split(col("value"), " "), w -> w.equalTo("dog")).alias("dog")).count();
        StreamingQuery q = counts.writeStream().outputMode("complete").format("memory").queryName("hof_dogs").start();
        try {
            input.addValues("a dog", "a cat", "dog dog");
            q.processAllAvailable();
            input.addValues("no", "hot dog");
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        List<String> rows = spark.table("hof_dogs").orderBy("dog").collectAsList().stream().map(Object::toString)
                .toList();
        assertThat(rows).containsExactly("[false,2]", "[true,3]");
    }
}
