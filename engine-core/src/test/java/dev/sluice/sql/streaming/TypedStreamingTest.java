package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.java.function.FilterFunction;
import dev.sluice.api.java.function.MapFunction;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Typed, stateless operations ({@code map}, {@code flatMap}, {@code filter(FilterFunction)}) on a stream. */
class TypedStreamingTest extends StreamingTestSupport {
    @Test
    void mapFlatMapAndTypedFilterRunPerBatch() throws Exception {
        MemoryStream input = MemoryStream.of(spark, LINES);
        Dataset<String> words = input.toDF().as(Encoders.STRING())
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator(), Encoders.STRING())
                .filter((FilterFunction<String>) w -> w.length() > 1);
        Dataset<Integer> lengths = words.map((MapFunction<String, Integer>) String::length, Encoders.INT());
        assertThat(lengths.isStreaming()).isTrue();
        Map<Long, List<Integer>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = lengths.writeStream().outputMode("append").foreachBatch((Dataset<Integer> batch, Long id) -> {
            out.put(id, new ArrayList<>(batch.collectAsList()));
        }).start();
        try {
            input.addValues("a bb ccc", "dddd");
            q.processAllAvailable();
            input.addValues("e ff");
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        // "a" and "e" are dropped by the filter; the lengths of the other words in order
        assertThat(out).isEqualTo(Map.of(0L, List.of(2, 3, 4), 1L, List.of(2)));
    }

    @Test
    void aTypedFilterKeepsTheColumnsOfTheStream() {
        MemoryStream input = MemoryStream.of(spark, LINES);
        Dataset<Row> kept = input.toDF().filter((FilterFunction<Row>) r -> !r.isNullAt(0));
        assertThat(kept.columns()).containsExactly("value");
        assertThat(kept.isStreaming()).isTrue();
    }

    /** A bean read from a stream of (name, n) rows whose columns are in another order and type. */
    public static class Named {
        private String name;
        private long n;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public long getN() {
            return n;
        }

        public void setN(long n) {
            this.n = n;
        }
    }

    @Test
    void foreachOfATypedStreamReceivesObjectsReadByNameAndUpCast() throws Exception {
        MemoryStream input = MemoryStream.of(spark, new dev.sluice.sql.types.StructType()
                .add("n", dev.sluice.sql.types.DataTypes.IntegerType).add("extra", dev.sluice.sql.types.DataTypes.StringType)
                .add("name", dev.sluice.sql.types.DataTypes.StringType));
        Dataset<Named> named = input.toDF().as(Encoders.bean(Named.class));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery q = named.writeStream().foreach(new dev.sluice.sql.ForeachWriter<Named>() {
            @Override
            public boolean open(long partitionId, long epochId) {
                return true;
            }

            @Override
            public void process(Named value) {
                seen.add(value.getName() + "=" + value.getN());
            }

            @Override
            public void close(Throwable errorOrNull) {
            }
        }).start();
        try {
            input.addData(dev.sluice.sql.RowFactory.create(3, "x", "ana"), dev.sluice.sql.RowFactory.create(4, "y", "bo"));
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        // n (an int column) is up-cast to the bean's long; extra is not read
        assertThat(seen).containsExactly("ana=3", "bo=4");
    }

    @Test
    void mapGroupsOnAStreamGroupsEachMicroBatchAlone() throws Exception {
        // Spark plans MapGroups on a stream as MapGroupsExec over the batch's rows: no state between batches
        MemoryStream input = MemoryStream.of(spark, LINES);
        Dataset<String> words = input.toDF().as(Encoders.STRING());
        Dataset<String> counts = words.groupByKey((MapFunction<String, String>) w -> w, Encoders.STRING())
                .mapGroups((dev.sluice.api.java.function.MapGroupsFunction<String, String, String>) (k, vs) -> {
                    int n = 0;
                    while (vs.hasNext()) {
                        vs.next();
                        n++;
                    }
                    return k + ":" + n;
                }, Encoders.STRING());
        assertThat(counts.isStreaming()).isTrue();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = counts.writeStream().outputMode("append").foreachBatch((Dataset<String> batch, Long id) -> {
            List<String> rows = new ArrayList<>(batch.collectAsList());
            Collections.sort(rows);
            out.put(id, rows);
        }).start();
        try {
            input.addValues("a", "b", "a");
            q.processAllAvailable();
            input.addValues("a");
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(out).isEqualTo(Map.of(0L, List.of("a:2", "b:1"), 1L, List.of("a:1")));
        assertThat(counts.logicalPlan().treeString()).contains("MapGroups [value");
    }

    @Test
    void cogroupWithAStreamIsRefusedWhenTheQueryStartsAsSparkDoes() {
        MemoryStream input = MemoryStream.of(spark, LINES);
        Dataset<String> stream = input.toDF().as(Encoders.STRING());
        Dataset<String> batch = spark.createDataset(List.of("a"), Encoders.STRING());
        Dataset<String> both = stream.groupByKey((MapFunction<String, String>) w -> w, Encoders.STRING())
                .cogroup(batch.groupByKey((MapFunction<String, String>) w -> w, Encoders.STRING()),
                        (dev.sluice.api.java.function.CoGroupFunction<String, String, String, String>)
                                (k, l, r) -> List.of(k).iterator(), Encoders.STRING());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> both.writeStream().format("console").start())
                .isInstanceOf(dev.sluice.sql.AnalysisException.class)
                .hasMessageStartingWith("CoGrouping with a streaming DataFrame/Dataset is not supported;")
                .extracting(e -> ((dev.sluice.sql.AnalysisException) e).getCondition())
                .isEqualTo("_LEGACY_ERROR_TEMP_3102");
    }
}
