package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.avg;
import static dev.sluice.sql.functions.coalesce;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state schema check of a restart (issue 15): every stateful operator records its state layout in
 * {@code state/<id>/_metadata} at its first batch, and a restart whose operators or layouts changed
 * incompatibly fails at {@code start()} with Spark 4.1's error class, naming the operator and both schemas,
 * instead of reading stored bytes with another layout. Expected values are hand-computed sums and counts.
 */
class StateSchemaCheckTest extends StatefulTestSupport {
    static final StructType KV = new StructType().add("k", DataTypes.StringType).add("v", DataTypes.LongType);

    @TempDir
    Path dir;

    private final List<Row> out = Collections.synchronizedList(new ArrayList<>());

    private StreamingQuery start(MemoryStream input, Function<Dataset<Row>, Dataset<Row>> query, String checkpoint)
            throws Exception {
        return query.apply(input.toDF()).writeStream().outputMode("update")
                .option("checkpointLocation", checkpoint)
                .foreachBatch((Dataset<Row> ds, Long id) -> {
                    out.addAll(ds.collectAsList());
                }).start();
    }

    /** Runs {@code query} once over {@code rows} on {@code checkpoint}, then stops it. */
    private void runOnce(MemoryStream input, Function<Dataset<Row>, Dataset<Row>> query, String checkpoint,
                         Row... rows) throws Exception {
        StreamingQuery q = start(input, query, checkpoint);
        input.addData(List.of(rows));
        q.processAllAvailable();
        q.stop();
    }

    @Test
    void aSumOverBigintRestartedOverDoublesIsRefusedNamingTheOperatorAndBothSchemas() throws Exception {
        String checkpoint = dir.resolve("sum").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        runOnce(input, df -> df.groupBy("k").agg(sum("v")), checkpoint, RowFactory.create("a", 5L));
        assertThat(Path.of(checkpoint, "state", "0", "_metadata")).exists();

        // before issue 15 this ran and returned 3.0 for an input of 5: the stored long read as a double
        assertThatThrownBy(() -> start(input, df -> df.groupBy("k").agg(sum(col("v").cast("double"))), checkpoint))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE"))
                .hasMessageStartingWith("[STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE] Provided value schema does not"
                        + " match existing state value schema.\nPlease check number and type of fields.\n"
                        + "Existing value_schema=StructType(StructField(sum(v),LongType,true)")
                .hasMessageContaining("new value_schema=StructType(StructField(sum(CAST(v AS DOUBLE)),DoubleType,true)")
                .hasMessageContaining("Operator: stateStoreSave (operatorId 0, store default)")
                .hasMessageEndingWith("SQLSTATE: XXKST");
        assertThat(spark.streams().active()).isEmpty();
    }

    @Test
    void aCountRestartedAsAvgAndMaxIsRefusedNotAnArrayIndexOutOfBounds() throws Exception {
        String checkpoint = dir.resolve("count").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        runOnce(input, df -> df.groupBy("k").agg(count("v")), checkpoint, RowFactory.create("a", 5L));
        assertThatThrownBy(() -> start(input, df -> df.groupBy("k").agg(avg("v"), max("k")), checkpoint))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE"))
                .hasMessageContaining("Existing value_schema=StructType(StructField(count(v),LongType,true))")
                .hasMessageContaining("StringType")
                .hasMessageContaining("Operator: stateStoreSave (operatorId 0");
    }

    @Test
    void anotherGroupingKeyTypeIsRefusedWithTheKeySchemaClass() throws Exception {
        String checkpoint = dir.resolve("key").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        runOnce(input, df -> df.groupBy("v").count(), checkpoint, RowFactory.create("a", 5L));
        assertThatThrownBy(() -> start(input, df -> df.groupBy(col("v").cast("int").as("v")).count(), checkpoint))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE"))
                .hasMessageContaining("Existing key_schema=StructType(StructField(v,LongType,true)) and new"
                        + " key_schema=StructType(StructField(CAST(v AS INT),IntegerType,true)).")
                .hasMessageContaining("Operator: stateStoreSave (operatorId 0");
    }

    @Test
    void renamedAndNullabilityChangedKeysKeepTheirState() throws Exception {
        String checkpoint = dir.resolve("rename").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        runOnce(input, df -> df.groupBy("k").agg(sum("v")), checkpoint, RowFactory.create("a", 5L));
        // renamed key column, and a key that can no longer be null: same layout, so the sum goes on: 5 + 2
        runOnce(input, df -> df.groupBy(coalesce(col("k"), lit("?")).as("key")).agg(sum("v").as("total")),
                checkpoint, RowFactory.create("a", 2L));
        assertThat(out.get(out.size() - 1).toString()).isEqualTo("[a,7]");
        // and back to a nullable key: 7 + 1
        runOnce(input, df -> df.groupBy("k").agg(sum("v")), checkpoint, RowFactory.create("a", 1L));
        assertThat(out.get(out.size() - 1).toString()).isEqualTo("[a,8]");
    }

    @Test
    void addingRemovingOrReplacingAStatefulOperatorIsRefusedWithSparksClass() throws Exception {
        String checkpoint = dir.resolve("ops").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        runOnce(input, Dataset::dropDuplicates, checkpoint, RowFactory.create("a", 5L));
        assertThatThrownBy(() -> start(input, df -> df.groupBy("k").count(), checkpoint))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA"))
                .hasMessage("[STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA] Streaming stateful operator"
                        + " name does not match with the operator in state metadata. This likely to happen when user"
                        + " adds/removes/changes stateful operator of existing streaming query.\nStateful operators in"
                        + " the metadata: [(OperatorId: 0 -> OperatorName: dedupe)]; Stateful operators in current"
                        + " batch: [(OperatorId: 0 -> OperatorName: stateStoreSave)]. SQLSTATE: 42K03");
        assertThatThrownBy(() -> start(input, df -> df.dropDuplicates().groupBy("k").count(), checkpoint))
                .hasMessageContaining("current batch: [(OperatorId: 0 -> OperatorName: dedupe), (OperatorId: 1 ->"
                        + " OperatorName: stateStoreSave)]");
        assertThatThrownBy(() -> start(input, df -> df.select("k"), checkpoint))
                .hasMessageContaining("Stateful operators in current batch: [].");
    }

    @Test
    void aCheckpointWrittenBeforeOperatorMetadataKeepsWorkingAndGetsItAtTheNextBatch() throws Exception {
        String checkpoint = dir.resolve("legacy").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        runOnce(input, df -> df.groupBy("k").agg(sum("v")), checkpoint, RowFactory.create("a", 5L));
        Path metadata = Path.of(checkpoint, "state", "0", "_metadata");
        Files.delete(metadata);
        StreamingQuery q = start(input, df -> df.groupBy("k").agg(sum("v")), checkpoint);
        assertThat(metadata).doesNotExist();
        input.addData(List.of(RowFactory.create("a", 4L)));
        q.processAllAvailable();
        q.stop();
        assertThat(out.get(out.size() - 1).toString()).isEqualTo("[a,9]");
        assertThat(metadata).exists();
        assertThat(Files.readString(metadata)).startsWith("v1\noperatorId=0\noperatorName=stateStoreSave\n")
                .contains("keySchema=k STRING\n").contains("valueSchema=`sum(v)` BIGINT\n");
    }

    @Test
    void aDamagedMetadataFileFailsTheStartNamingIt() throws Exception {
        String checkpoint = dir.resolve("damaged").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        runOnce(input, df -> df.groupBy("k").agg(sum("v")), checkpoint, RowFactory.create("a", 5L));
        Path metadata = Path.of(checkpoint, "state", "0", "_metadata");
        byte[] bytes = Files.readAllBytes(metadata);
        bytes[10] ^= 1;
        Files.write(metadata, bytes);
        assertThatThrownBy(() -> start(input, df -> df.groupBy("k").agg(sum("v")), checkpoint))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("SLUICE_CHECKPOINT.CORRUPTED_FILE"))
                .hasMessageContaining("Checkpoint file state/0/_metadata of checkpoint "
                        + Path.of(checkpoint).toAbsolutePath());
    }

    @Test
    void aGroupsWithStateFunctionWithAnotherStateTypeIsRefused() throws Exception {
        String checkpoint = dir.resolve("gws").toString();
        MemoryStream input = lines();
        Function<Dataset<Row>, Dataset<Row>> longState = df -> df.as(Encoders.STRING())
                .groupByKey(v -> v, Encoders.STRING())
                .mapGroupsWithState((String key, java.util.Iterator<String> values, GroupState<Long> state) -> {
                    state.update(1L);
                    return key;
                }, Encoders.LONG(), Encoders.STRING()).toDF();
        Function<Dataset<Row>, Dataset<Row>> stringState = df -> df.as(Encoders.STRING())
                .groupByKey(v -> v, Encoders.STRING())
                .mapGroupsWithState((String key, java.util.Iterator<String> values, GroupState<String> state) -> {
                    state.update("x");
                    return key;
                }, Encoders.STRING(), Encoders.STRING()).toDF();
        StreamingQuery q = start(input, longState, checkpoint);
        input.addValues("a");
        q.processAllAvailable();
        q.stop();
        assertThatThrownBy(() -> start(input, stringState, checkpoint))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE"))
                .hasMessageContaining("LongType").hasMessageContaining("StringType")
                .hasMessageContaining("Operator: flatMapGroupsWithState (operatorId 0, store default)");
    }

    @Test
    void aJoinSideWithOtherColumnsIsRefused() throws Exception {
        String checkpoint = dir.resolve("join-change").toString();
        MemoryStream left = MemoryStream.of(spark, KV);
        MemoryStream right = MemoryStream.of(spark, KV);
        Dataset<Row> r = right.toDF().withColumnRenamed("k", "k2").withColumnRenamed("v", "w");
        StreamingQuery q = left.toDF().join(r, col("k").equalTo(col("k2"))).writeStream()
                .option("checkpointLocation", checkpoint).format("noop").start();
        left.addData(List.of(RowFactory.create("a", 1L)));
        q.processAllAvailable();
        q.stop();
        // the left side now keeps only its key: its stored rows have another layout
        assertThatThrownBy(() -> left.toDF().select("k").join(r, col("k").equalTo(col("k2"))).writeStream()
                .option("checkpointLocation", checkpoint).format("noop").start())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE"))
                .hasMessageContaining("Existing value_schema=StructType(StructField(k,StringType,true),"
                        + "StructField(v,LongType,true),StructField(matched,BooleanType,true))")
                .hasMessageContaining("Operator: symmetricHashJoin (operatorId 0, store left-keyWithIndexToValue)");
    }

    @Test
    void everyStatefulOperatorRecordsItsLayout() throws Exception {
        String checkpoint = dir.resolve("join").toString();
        MemoryStream left = MemoryStream.of(spark, KV);
        MemoryStream right = MemoryStream.of(spark, KV);
        StreamingQuery q = left.toDF().join(right.toDF().withColumnRenamed("k", "k2").withColumnRenamed("v", "w"),
                        col("k").equalTo(col("k2")))
                .writeStream().option("checkpointLocation", checkpoint).format("noop").start();
        left.addData(List.of(RowFactory.create("a", 1L)));
        q.processAllAvailable();
        q.stop();
        var meta = dev.sluice.stream.state.OperatorStateMetadata.read(Path.of(checkpoint).toAbsolutePath(), 0)
                .orElseThrow();
        assertThat(meta.operatorName()).isEqualTo("symmetricHashJoin");
        assertThat(meta.stores()).extracting(s -> s.name()).containsExactly("left-keyToNumValues",
                "left-keyWithIndexToValue", "right-keyToNumValues", "right-keyWithIndexToValue");
        assertThat(meta.store("right-keyWithIndexToValue").orElseThrow().valueSchema().toDDL())
                .isEqualTo("k2 STRING,w BIGINT,matched BOOLEAN");
        assertThat(meta.keyGroups()).isEqualTo(128);
        assertThat(meta.provider()).isEqualTo(provider());
    }
}
