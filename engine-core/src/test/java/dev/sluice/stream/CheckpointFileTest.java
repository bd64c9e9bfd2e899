package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.checkpoint.OffsetSeq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file format: version line, checksum trailer, clear errors naming the file. */
class CheckpointFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndLeavesNoTempFiles() throws Exception {
        Path file = dir.resolve("offsets").resolve("0");
        OffsetSeq seq = new OffsetSeq(Arrays.asList("3", null), 0, 1234, Map.of("spark.sql.shuffle.partitions", "200"));
        CheckpointFile.write(file, 1, seq.serialize());
        assertThat(Files.readString(file)).startsWith("v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1234,")
                .contains("\n3\n-\ncrc32=");
        assertThat(OffsetSeq.parse(file, CheckpointFile.readText(file, 1))).isEqualTo(seq);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("0");
        }
    }

    @Test
    void rejectsNewerVersionsAndGarbage() throws Exception {
        Path file = dir.resolve("f");
        CheckpointFile.write(file, 2, "{}");
        assertThatThrownBy(() -> CheckpointFile.read(file, 1)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("Checkpoint file " + file + " has version v2 but this Sluice reads versions up"
                        + " to v1");
        Files.writeString(file, "hello");
        assertThatThrownBy(() -> CheckpointFile.read(file, 1))
                .hasMessageContaining(file + " is corrupted: it is truncated or has no version line");
    }

    @Test
    void memorySinkSkipsABatchIdItAlreadyHas() {
        var spark = dev.sluice.sql.Sluice.builder().master("local[2]").getOrCreate();
        var schema = new dev.sluice.sql.types.StructType().add("v", dev.sluice.sql.types.DataTypes.LongType);
        var sink = new dev.sluice.stream.connector.MemorySink(spark, "idempotent_sink", schema);
        var batch = new dev.sluice.batch.Chunk(2, new dev.sluice.batch.ColumnVector[] {
                dev.sluice.batch.LongVector.wrap(dev.sluice.sql.types.DataTypes.LongType, new long[] {0, 1}, 2, null)});
        for (long batchId : new long[] {0, 0, 1}) {
            var writer = sink.newBatchWriter(new dev.sluice.spi.BatchContext("query", batchId, "checkpoint",
                    dev.sluice.sql.streaming.OutputMode.Append(), schema, rows -> null));
            writer.write(batch);
            writer.commit();
        }
        assertThat(spark.table("idempotent_sink").count()).isEqualTo(4);
        assertThat(List.of(sink.latestBatchId())).containsExactly(1L);
    }
}
