package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.OffsetSeq;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.stream.connector.MemoryStream;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rows of docs/OPERATIONS.md's "Query changes on restart" table that are about sources and sinks (the stateful
 * rows are StateSchemaCheckTest's): another number of sources or another kind of source on an old checkpoint is
 * refused naming the checkpoint (another kind at start(), with SLUICE_CHECKPOINT.SOURCE_CHANGED; offset logs from
 * before the kinds were recorded still restart), while another projection or filter, and another sink, keep the offsets.
 */
class RestartChangesTest extends FileStreamTestSupport {
    private static final StructType V = StructType.fromDDL("v INT");

    private StreamingQuery run(Dataset<Row> ds, Path checkpoint, List<String> out) throws Exception {
        return ds.writeStream().option("checkpointLocation", checkpoint.toString()).trigger(Trigger.AvailableNow())
                .foreachBatch((Dataset<Row> b, Long id) -> b.collectAsList().forEach(r -> out.add(r.toString())))
                .start();
    }

    @Test
    void anotherNumberOrKindOfSourcesIsRefusedOnAnOldCheckpoint() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        drop(in.resolve("a.json"), "{\"v\":1}\n", 0);
        Path cp = dir.resolve("cp");
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Dataset<Row> files = spark.readStream().schema(V).json(in.toString());
        run(files, cp, out).awaitTermination();

        StreamingQuery two = run(files.union(spark.readStream().schema(V).json(in.toString())), cp, out);
        assertThatThrownBy(two::awaitTermination).hasMessageContaining("SLUICE_CHECKPOINT.INCOMPATIBLE_STATE")
                .hasMessageContaining("has 1 sources but the query has 2");
        Dataset<Row> rate = spark.readStream().format("rate").option("rowsPerSecond", "1").load()
                .selectExpr("CAST(value AS INT) AS v");
        // a source of another kind at position 0: refused at start(), naming the position, both kinds and the log
        assertThatThrownBy(() -> run(rate, cp, out)).isInstanceOf(CheckpointException.class)
                .hasFieldOrPropertyWithValue("condition", "SLUICE_CHECKPOINT.SOURCE_CHANGED")
                .hasMessageStartingWith("[SLUICE_CHECKPOINT.SOURCE_CHANGED] Source 0 of the query is a rate source,"
                        + " but checkpoint " + cp + " was written by a json source at that position (offset log "
                        + cp.resolve("offsets").resolve("0") + "; its files are in " + cp.resolve("sources")
                        .resolve("0") + ")")
                .hasMessageNotContaining("corrupted");
        MemoryStream memory = MemoryStream.of(spark, V);
        assertThatThrownBy(() -> run(memory.toDF(), cp, out)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("Source 0 of the query is a MemoryStream source").hasMessageContaining("a json");
        // the file source itself still restarts on it
        drop(in.resolve("b.json"), "{\"v\":2}\n", 1000);
        run(files, cp, out).awaitTermination();
        assertThat(out).containsExactly("[1]", "[2]");
    }

    @Test
    void anOffsetLogWithoutSourceKindsRestartsAndRecordsThemFromItsNextBatch() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        drop(in.resolve("a.json"), "{\"v\":1}\n", 0);
        Path cp = dir.resolve("cp");
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Dataset<Row> files = spark.readStream().schema(V).json(in.toString());
        run(files, cp, out).awaitTermination();
        // as an offset log written before source kinds were recorded
        Checkpoint checkpoint = new Checkpoint(cp);
        OffsetSeq first = checkpoint.offsets().get(0).orElseThrow();
        assertThat(first.conf()).containsEntry("spark.sluice.sourceKinds", "json");
        Map<String, String> older = new HashMap<>(first.conf());
        older.remove("spark.sluice.sourceKinds");
        Files.delete(checkpoint.offsets().file(0));
        checkpoint.offsets().add(0, new OffsetSeq(first.offsets(), first.batchWatermarkMs(), first.batchTimestampMs(),
                older));

        drop(in.resolve("b.json"), "{\"v\":2}\n", 1000);
        run(files, cp, out).awaitTermination();
        assertThat(out).containsExactly("[1]", "[2]");
        assertThat(checkpoint.offsets().latest().orElseThrow().getValue().conf())
                .containsEntry("spark.sluice.sourceKinds", "json");
    }

    @Test
    void anotherProjectionFilterOrSinkKeepsTheOffsets() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        drop(in.resolve("a.json"), "{\"v\":1}\n{\"v\":2}\n", 0);
        Path cp = dir.resolve("cp");
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        run(spark.readStream().schema(V).json(in.toString()), cp, out).awaitTermination();
        assertThat(out).containsExactly("[1]", "[2]");
        drop(in.resolve("b.json"), "{\"v\":3}\n{\"v\":4}\n", 1000);
        out.clear();
        Path sinkOut = dir.resolve("out");
        spark.readStream().schema(V).json(in.toString()).filter("v > 3").selectExpr("v * 10 AS w").writeStream()
                .format("json").option("path", sinkOut.toString()).option("checkpointLocation", cp.toString())
                .trigger(Trigger.AvailableNow()).start().awaitTermination();
        // only b.json's rows: a.json stayed committed; the new filter and projection apply from here on
        assertThat(spark.read().json(sinkOut.toString()).collectAsList().toString()).isEqualTo("[[40]]");
    }
}
