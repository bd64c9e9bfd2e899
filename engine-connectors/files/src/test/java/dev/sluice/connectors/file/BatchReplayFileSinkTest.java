package dev.sluice.connectors.file;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.BatchReplay;
import dev.sluice.sql.streaming.DataStreamWriter;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code DataStreamWriter.replay} against a file sink, whose {@code _spark_metadata/<batch>} lists the files each
 * batch wrote: a replayed batch is compared with the rows of those files (SAME), a changed output file is reported
 * (DIFFERENT, with the rows each way), a compaction batch's own files are its compact file minus the earlier
 * batches' files, and a partitioned sink's partition columns are read back from the folder names. Input rows and
 * expected rows are written by hand below.
 */
class BatchReplayFileSinkTest extends FileStreamTestSupport {
    private static final StructType PEOPLE = StructType.fromDDL("name STRING, age INT, city STRING");

    private DataStreamWriter<Row> writer(Path in, Path out, Path checkpoint, String... partitionBy) {
        Dataset<Row> adults = spark.readStream().schema(PEOPLE).json(in.toString()).filter(col("age").geq(18));
        DataStreamWriter<Row> w = adults.writeStream().format("json").option("path", out.toString())
                .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.AvailableNow());
        return partitionBy.length == 0 ? w : w.partitionBy(partitionBy);
    }

    private void runTwoBatches(Path in, Path out, Path checkpoint, String... partitionBy) throws Exception {
        drop(in.resolve("a.json"), "{\"name\":\"Ana\",\"age\":30,\"city\":\"Pune\"}\n"
                + "{\"name\":\"Bo\",\"age\":12,\"city\":\"Goa\"}\n", 0);
        StreamingQuery q = writer(in, out, checkpoint, partitionBy).start();
        q.awaitTermination();
        drop(in.resolve("b.json"), "{\"name\":\"Cy\",\"age\":41,\"city\":\"Goa\"}\n"
                + "{\"name\":\"Di\",\"age\":19,\"city\":\"Pune\"}\n", 1000);
        q = writer(in, out, checkpoint, partitionBy).start();
        q.awaitTermination();
    }

    @Test
    void aReplayedBatchMatchesTheFilesItsSinkLoggedAndAChangedFileIsReported() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Path checkpoint = dir.resolve("cp");
        runTwoBatches(in, out, checkpoint);

        BatchReplay same = writer(in, out, checkpoint).replay(1, dir.resolve("scratch").toString());
        assertThat(same.replayedRows()).containsExactly("[Cy,41,Goa]", "[Di,19,Pune]");
        assertThat(same.recordedRows()).containsExactly("[Cy,41,Goa]", "[Di,19,Pune]");
        assertThat(same.verdict()).isEqualTo(BatchReplay.Verdict.SAME);
        assertThat(same.report()).startsWith("Batch 1 replayed: 2 row(s); the same rows as the sink recorded (2)");

        // someone rewrote batch 1's output file: the replay shows what differs
        String batch1File = List.copyOf(Files.readAllLines(out.resolve("_spark_metadata/1"))).get(1)
                .replaceAll(".*\"path\":\"file:([^\"]+)\".*", "$1");
        Path file = Path.of(batch1File);
        Files.writeString(file, Files.readString(file).replace("\"Di\"", "\"Dee\""));
        BatchReplay changed = writer(in, out, checkpoint).replay(1, dir.resolve("scratch2").toString());
        assertThat(changed.verdict()).isEqualTo(BatchReplay.Verdict.DIFFERENT);
        assertThat(changed.onlyReplayed()).containsExactly("[Di,19,Pune]");
        assertThat(changed.onlyRecorded()).containsExactly("[Dee,19,Pune]");
        assertThat(changed.report()).contains("DIFFERENT from the 2 row(s) the sink recorded",
                "only in the replay (1):\n  [Di,19,Pune]", "only in the sink's output (1):\n  [Dee,19,Pune]");
        // batch 0 still matches: its own file only
        assertThat(writer(in, out, checkpoint).replay(0).verdict()).isEqualTo(BatchReplay.Verdict.SAME);
    }

    @Test
    void aCompactionBatchAndAPartitionedSinkAreComparedToo() throws Exception {
        // with compactInterval 2, batch 1 is written as 1.compact holding batches 0 and 1
        spark.conf().set("spark.sql.streaming.fileSink.log.compactInterval", "2");
        try {
            Path in = dir.resolve("in");
            Path out = dir.resolve("out");
            Path checkpoint = dir.resolve("cp");
            runTwoBatches(in, out, checkpoint, "city");
            assertThat(out.resolve("_spark_metadata/1.compact")).exists();

            BatchReplay replay = writer(in, out, checkpoint, "city").replay(1, dir.resolve("scratch").toString());
            assertThat(replay.replayedRows()).containsExactly("[Cy,41,Goa]", "[Di,19,Pune]");
            assertThat(replay.verdict()).as(replay.report()).isEqualTo(BatchReplay.Verdict.SAME);
            assertThat(writer(in, out, checkpoint, "city").replay(0).recordedRows()).containsExactly("[Ana,30,Pune]");
        } finally {
            spark.conf().unset("spark.sql.streaming.fileSink.log.compactInterval");
        }
    }
}
