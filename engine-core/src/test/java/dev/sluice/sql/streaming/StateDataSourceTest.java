package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark 4.0's state data source over Sluice checkpoints: {@code format("statestore")} returns an operator's
 * state entries as {@code key}, {@code value}, {@code partition_id} rows, {@code format("state-metadata")} lists
 * the operators. Expected rows are hand-computed from the inputs; subclasses re-run it with RocksDB.
 */
class StateDataSourceTest extends StatefulTestSupport {
    static final StructType KV = new StructType().add("k", DataTypes.StringType).add("v", DataTypes.LongType);

    @TempDir
    Path dir;

    /** Runs {@code query} over one batch per element of {@code batches} (each feeding the inputs), then stops. */
    private String run(String name, Dataset<Row> query, String mode, List<Runnable> batches) throws Exception {
        String checkpoint = dir.resolve(name).toString();
        StreamingQuery q = query.writeStream().outputMode(mode).option("checkpointLocation", checkpoint)
                .format("noop").start();
        for (Runnable batch : batches) {
            batch.run();
            q.processAllAvailable();
        }
        q.stop();
        return checkpoint;
    }

    private static List<String> rows(Dataset<Row> df) {
        return StreamingTestSupport.sorted(df.collectAsList());
    }

    /** The rows without partition_id, which depends on the hash of the key bytes. */
    private static List<String> keyValues(Dataset<Row> df) {
        return StreamingTestSupport.sorted(df.select("key", "value").collectAsList());
    }

    private String aggregation() throws Exception {
        MemoryStream input = MemoryStream.of(spark, KV);
        return run("agg", input.toDF().groupBy("k").agg(sum("v")), "update", List.of(
                () -> input.addData(List.of(RowFactory.create("a", 5L), RowFactory.create("b", 2L),
                        RowFactory.create("a", 1L))),
                () -> input.addData(List.of(RowFactory.create("b", 3L)))));
    }

    @Test
    void theStateOfAnAggregationReadsAsKeyValueAndPartitionRows() throws Exception {
        String checkpoint = aggregation();
        Dataset<Row> state = spark.read().format("statestore").load(checkpoint);
        assertThat(state.schema().treeString()).isEqualTo("""
                root
                 |-- key: struct (nullable = true)
                 |    |-- k: string (nullable = true)
                 |-- value: struct (nullable = true)
                 |    |-- sum(v): long (nullable = true)
                 |-- partition_id: integer (nullable = true)
                """);
        // after the last committed batch (1): a = 5 + 1, b = 2 + 3
        assertThat(keyValues(state)).containsExactly("[[a],[6]]", "[[b],[5]]");
        // batchId: the state that batch left
        assertThat(keyValues(spark.read().format("statestore").option("batchId", 0).load(checkpoint)))
                .containsExactly("[[a],[6]]", "[[b],[2]]");
        for (Row r : state.collectAsList()) {
            assertThat(r.getInt(2)).isBetween(0, 4); // 5 partitions in these tests
        }
    }

    /** Both join state layouts show Spark's view: version 2's blocks are read back as counts and numbered rows. */
    @org.junit.jupiter.params.ParameterizedTest(name = "join state layout {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1", "2"})
    void aStreamStreamJoinReadsBySideOrByStore(String layout) throws Exception {
        spark.conf().set("spark.sluice.state.joinLayoutVersion", layout);
        try {
            readJoinState();
        } finally {
            spark.conf().unset("spark.sluice.state.joinLayoutVersion"); // the session is shared by the JVM's tests
        }
    }

    private void readJoinState() throws Exception {
        MemoryStream left = MemoryStream.of(spark, KV);
        MemoryStream right = MemoryStream.of(spark, KV);
        Dataset<Row> joined = left.toDF().join(right.toDF().withColumnRenamed("k", "k2").withColumnRenamed("v", "w"),
                col("k").equalTo(col("k2")));
        String checkpoint = run("join", joined, "append", List.of(
                () -> left.addData(List.of(RowFactory.create("a", 1L), RowFactory.create("a", 2L))),
                () -> right.addData(List.of(RowFactory.create("b", 9L)))));
        var read = spark.read().format("statestore");
        assertThat(keyValues(read.option("joinSide", "left").load(checkpoint)))
                .containsExactly("[[a],[a,1]]", "[[a],[a,2]]");
        assertThat(keyValues(spark.read().format("statestore").option("joinSide", "right").load(checkpoint)))
                .containsExactly("[[b],[b,9]]");
        assertThat(keyValues(spark.read().format("statestore").option("storeName", "left-keyToNumValues")
                .load(checkpoint))).containsExactly("[[a],[2]]");
        assertThat(keyValues(spark.read().format("statestore").option("storeName", "left-keyWithIndexToValue")
                .load(checkpoint))).containsExactly("[[a,0],[a,1,false]]", "[[a,1],[a,2,false]]");
        assertThatThrownBy(() -> spark.read().format("statestore").load(checkpoint))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("STDS_INVALID_OPTION_VALUE.WITH_MESSAGE"))
                .hasMessageContaining("set joinSide to left or right");

        List<String> metadata = rows(spark.read().format("state-metadata").load(checkpoint));
        assertThat(metadata).containsExactly(
                "[0,symmetricHashJoin,left-keyToNumValues,5,0,1,null]",
                "[0,symmetricHashJoin,left-keyWithIndexToValue,5,0,1,null]",
                "[0,symmetricHashJoin,right-keyToNumValues,5,0,1,null]",
                "[0,symmetricHashJoin,right-keyWithIndexToValue,5,0,1,null]");
    }

    @Test
    void theMetadataSourceListsEveryOperatorWithSparksColumns() throws Exception {
        MemoryStream input = MemoryStream.of(spark, KV);
        String checkpoint = run("two", input.toDF().dropDuplicates("k").groupBy("k").count(), "update", List.of(
                () -> input.addData(List.of(RowFactory.create("a", 1L)))));
        Dataset<Row> metadata = spark.read().format("state-metadata").load(checkpoint);
        assertThat(metadata.schema().treeString()).isEqualTo("""
                root
                 |-- operatorId: long (nullable = true)
                 |-- operatorName: string (nullable = true)
                 |-- stateStoreName: string (nullable = true)
                 |-- numPartitions: integer (nullable = true)
                 |-- minBatchId: long (nullable = true)
                 |-- maxBatchId: long (nullable = true)
                 |-- operatorProperties: string (nullable = true)
                """);
        assertThat(rows(metadata)).containsExactly("[0,dedupe,default,5,0,0,null]",
                "[1,stateStoreSave,default,5,0,0,null]");
        assertThat(keyValues(spark.read().format("statestore").option("operatorId", 1).load(checkpoint)))
                .containsExactly("[[a],[1]]");
    }

    @Test
    void numPartitionsFollowsARescaledRestart() throws Exception {
        MemoryStream input = MemoryStream.of(spark, KV);
        String checkpoint = dir.resolve("rescaled").toString();
        try {
            for (String partitions : List.of("2", "3")) {
                spark.conf().set("spark.sql.shuffle.partitions", partitions);
                StreamingQuery q = input.toDF().groupBy("k").agg(sum("v")).writeStream().outputMode("update")
                        .option("checkpointLocation", checkpoint).format("noop").start();
                input.addData(List.of(RowFactory.create("a", 1L), RowFactory.create("b", 1L),
                        RowFactory.create("c", 1L)));
                q.processAllAvailable();
                q.stop();
            }
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", "5");
        }
        assertThat(rows(spark.read().format("state-metadata").option("batchId", 0).load(checkpoint)))
                .containsExactly("[0,stateStoreSave,default,2,0,1,null]");
        assertThat(rows(spark.read().format("state-metadata").load(checkpoint)))
                .containsExactly("[0,stateStoreSave,default,3,0,1,null]");
        assertThat(keyValues(spark.read().format("statestore").load(checkpoint)))
                .containsExactly("[[a],[2]]", "[[b],[2]]", "[[c],[2]]");
        assertThat(keyValues(spark.read().format("statestore").option("batchId", 0).load(checkpoint)))
                .containsExactly("[[a],[1]]", "[[b],[1]]", "[[c],[1]]");
    }

    private static void stds(Runnable read, String condition, String message) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(SluiceException.class,
                e -> assertThat(e.getCondition()).isEqualTo(condition)).hasMessage(message);
    }

    @Test
    void badOptionsFailWithSparksStdsErrorClasses() throws Exception {
        String checkpoint = aggregation();
        stds(() -> spark.read().format("statestore").option("operatorId", -1).load(checkpoint),
                "STDS_INVALID_OPTION_VALUE.IS_NEGATIVE", "[STDS_INVALID_OPTION_VALUE.IS_NEGATIVE] Invalid value for"
                        + " source option 'operatorId': cannot be negative. SQLSTATE: 42616");
        stds(() -> spark.read().format("statestore").option("batchId", -2).load(checkpoint),
                "STDS_INVALID_OPTION_VALUE.IS_NEGATIVE", "[STDS_INVALID_OPTION_VALUE.IS_NEGATIVE] Invalid value for"
                        + " source option 'batchId': cannot be negative. SQLSTATE: 42616");
        stds(() -> spark.read().format("statestore").option("storeName", " ").load(checkpoint),
                "STDS_INVALID_OPTION_VALUE.IS_EMPTY", "[STDS_INVALID_OPTION_VALUE.IS_EMPTY] Invalid value for source"
                        + " option 'storeName': cannot be empty. SQLSTATE: 42616");
        stds(() -> spark.read().format("statestore").option("joinSide", "up").load(checkpoint),
                "STDS_INVALID_OPTION_VALUE.WITH_MESSAGE", "[STDS_INVALID_OPTION_VALUE.WITH_MESSAGE] Invalid value for"
                        + " source option 'joinSide': Valid values are left,right,none SQLSTATE: 42616");
        stds(() -> spark.read().format("statestore").option("joinSide", "left").option("storeName", "x")
                        .load(checkpoint),
                "STDS_CONFLICT_OPTIONS", "[STDS_CONFLICT_OPTIONS] The options ['joinSide', 'storeName'] cannot be"
                        + " specified together. Please specify the one. SQLSTATE: 42613");
        stds(() -> spark.read().format("statestore").load(),
                "STDS_REQUIRED_OPTION_UNSPECIFIED", "[STDS_REQUIRED_OPTION_UNSPECIFIED] 'path' must be specified."
                        + " SQLSTATE: 42601");
        Path root = Path.of(checkpoint).toAbsolutePath();
        stds(() -> spark.read().format("statestore").option("batchId", 7).load(checkpoint),
                "STDS_OFFSET_LOG_UNAVAILABLE", "[STDS_OFFSET_LOG_UNAVAILABLE] The offset log for 7 does not exist,"
                        + " checkpoint location: " + root + ".\nPlease specify the batch ID which is available for"
                        + " querying - you can query the available batch IDs via using state metadata data source."
                        + " SQLSTATE: KD006");
        stds(() -> spark.read().format("statestore").option("operatorId", 3).load(checkpoint),
                "STDS_FAILED_TO_READ_STATE_SCHEMA", "[STDS_FAILED_TO_READ_STATE_SCHEMA] Failed to read the state"
                        + " schema. Either the file does not exist, or the file is corrupted. options:"
                        + " StateSourceOptions(checkpointLocation=" + root + ", batchId=1, operatorId=3,"
                        + " storeName=default, joinSide=none).\nRerun the streaming query to construct the state"
                        + " schema, and report to the corresponding communities or vendors if the error persists."
                        + " SQLSTATE: 42K03");
        stds(() -> spark.read().format("statestore").option("joinSide", "left").load(checkpoint),
                "STDS_INVALID_OPTION_VALUE.WITH_MESSAGE", "[STDS_INVALID_OPTION_VALUE.WITH_MESSAGE] Invalid value for"
                        + " source option 'joinSide': operator 0 is stateStoreSave, not a stream-stream join"
                        + " SQLSTATE: 42616");
        Path empty = dir.resolve("empty");
        stds(() -> spark.read().format("statestore").load(empty.toString()),
                "STDS_COMMITTED_BATCH_UNAVAILABLE", "[STDS_COMMITTED_BATCH_UNAVAILABLE] No committed batch found,"
                        + " checkpoint location: " + empty.toAbsolutePath() + ". Ensure that the query has run and"
                        + " committed any microbatch before stopping. SQLSTATE: KD006");
        assertThatThrownBy(() -> spark.read().format("statestore").load(checkpoint).write().format("statestore")
                .save(dir.resolve("out").toString()))
                .hasMessageStartingWith("[UNSUPPORTED_FEATURE.TABLE_OPERATION] The feature is not supported: Table"
                        + " `statestore` does not support");
    }
}
