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
}
