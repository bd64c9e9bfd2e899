package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DataStreamWriter#replay}: batch N of a stateful query re-run from its logged offsets and the state it
 * started from, in a scratch copy of the checkpoint, gives the rows the batch gave the first time (hand-computed
 * below), and leaves the checkpoint as it was. A foreachBatch sink keeps no record of its output, so the verdict
 * is UNKNOWN (the file sink's comparison is tested in connector-files, {@code BatchReplayFileSinkTest}).
 */
class BatchReplayTest extends StatefulTestSupport {
    static final StructType KV = new StructType().add("k", DataTypes.StringType).add("v", DataTypes.LongType);

    @TempDir
    Path dir;

    /** A count and sum per key in update mode, each batch's rows (sorted text) put into {@code out}. */
    static DataStreamWriter<Row> writer(MemoryStream input, String checkpoint, Map<Long, List<String>> out) {
        Dataset<Row> counts = input.toDF().groupBy(col("k")).agg(count(col("v")), sum(col("v")));
        return counts.writeStream().outputMode("update").option("checkpointLocation", checkpoint)
                .foreachBatch((Dataset<Row> batch, Long id) -> {
                    List<String> rows = new ArrayList<>();
                    batch.collectAsList().forEach(r -> rows.add(r.toString()));
                    rows.sort(null);
                    out.put(id, rows);
                });
    }

    private static Map<String, byte[]> snapshot(Path root) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    @Test
    void aReplayedBatchGivesTheRowsOfItsFirstRunAndLeavesTheCheckpointAlone() throws Exception {
        String checkpoint = dir.resolve("cp").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = writer(input, checkpoint, out).start();
        input.addData(List.of(RowFactory.create("a", 1L), RowFactory.create("b", 2L)));
        q.processAllAvailable();
        input.addData(List.of(RowFactory.create("a", 10L), RowFactory.create("c", 5L)));
        q.processAllAvailable();
        input.addData(List.of(RowFactory.create("c", 1L)));
        q.processAllAvailable();
        q.stop();
        assertThat(out.get(1L)).containsExactly("[a,2,11]", "[c,1,5]");
        Map<String, byte[]> before = snapshot(Path.of(checkpoint));

        Map<Long, List<String>> unused = new TreeMap<>();
        BatchReplay replay = writer(input, checkpoint, unused).replay(1, dir.resolve("scratch").toString());
        // batch 1 started from the state after batch 0 (a: 1 row, b: 1 row), not from the final state
        assertThat(replay.replayedRows()).containsExactly("[a,2,11]", "[c,1,5]");
        assertThat(replay.verdict()).isEqualTo(BatchReplay.Verdict.UNKNOWN);
        assertThat(replay.reason()).contains("foreachBatch sink keeps no record");
        assertThat(replay.report()).startsWith("Batch 1 replayed: 2 row(s); cannot compare: the foreachBatch sink");
        assertThat(unused).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("scratch/output/batch-1.txt"))).containsExactly("[a,2,11]",
                "[c,1,5]");
        Map<String, byte[]> after = snapshot(Path.of(checkpoint));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(before.get(name)));

        BatchReplay first = writer(input, checkpoint, unused).replay(0, dir.resolve("scratch0").toString());
        assertThat(first.replayedRows()).containsExactly("[a,1,1]", "[b,1,2]");
        BatchReplay last = writer(input, checkpoint, unused).replay(2);
        assertThat(last.replayedRows()).containsExactly("[c,2,6]");
    }

    @Test
    void aBatchThatWasNeverCommittedOrPlannedCannotBeReplayed() throws Exception {
        String checkpoint = dir.resolve("cp2").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        Map<Long, List<String>> out = new TreeMap<>();
        StreamingQuery q = writer(input, checkpoint, out).start();
        input.addData(List.of(RowFactory.create("a", 1L)));
        q.processAllAvailable();
        q.stop();
        assertThatThrownBy(() -> writer(input, checkpoint, out).replay(5)).isInstanceOf(SluiceException.class)
                .hasMessageContaining("[SLUICE_REPLAY_UNAVAILABLE] Cannot replay batch 5: the checkpoint")
                .hasMessageContaining("has no offsets entry for it");
        Files.delete(Path.of(checkpoint, "commits", "0"));
        assertThatThrownBy(() -> writer(input, checkpoint, out).replay(0))
                .hasMessageContaining("Cannot replay batch 0: it was never committed");
        assertThatThrownBy(() -> input.toDF().writeStream().foreachBatch((Dataset<Row> b, Long id) -> { }).replay(0))
                .hasMessageContaining("without a checkpointLocation");
    }
}
