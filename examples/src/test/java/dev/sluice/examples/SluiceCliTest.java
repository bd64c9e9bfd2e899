package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice checkpoint verify|inspect} on the checkpoint of a stopped counting query, and
 * {@code sluice checkpoint replay} running a user's program ({@link ReplayDemoQuery}) in replay mode: its batch is
 * re-run into a scratch folder and compared with the files its JSON sink logged; the exit code says same (0),
 * different (1) or cannot run (2).
 */
class SluiceCliTest {
    @TempDir
    Path dir;
    Path cp;
    private String output;

    @BeforeEach
    void stoppedQuery() throws Exception {
        SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        try {
            MemoryStream input = MemoryStream.of(spark, new StructType().add("value", DataTypes.StringType));
            cp = dir.resolve("cp");
            StreamingQuery query = input.toDF().groupBy("value").count().writeStream().outputMode("complete")
                    .option("checkpointLocation", cp.toString()).foreachBatch((Dataset<Row> ds, Long id) -> { })
                    .start();
            input.addValues("a", "b");
            query.processAllAvailable();
            input.addValues("a");
            query.processAllAvailable();
            query.stop();
        } finally {
            spark.conf().unset("spark.sql.shuffle.partitions");
        }
    }

    private int sluice(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SluiceCli.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        output = bytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void verifyExitsZeroForASoundCheckpointAndOneWithALinePerProblem() throws Exception {
        assertThat(sluice("checkpoint", "verify", cp.toString())).isZero();
        // metadata, offsets/0-1, commits/0-1, 2 partitions x 2 deltas, state/0/_metadata
        assertThat(output).isEqualTo("OK: 10 files checked in " + cp.toAbsolutePath() + System.lineSeparator());

        byte[] bytes = Files.readAllBytes(cp.resolve("commits/1"));
        bytes[1] ^= 0x01;
        Files.write(cp.resolve("commits/1"), bytes);
        Files.delete(cp.resolve("state/0/0/1.delta"));
        assertThat(sluice("checkpoint", "verify", cp.toString())).isEqualTo(1);
        assertThat(output.lines().toList()).hasSize(3);
        assertThat(output.lines().toList().get(0)).startsWith("commits/1: corrupted: its checksum does not match");
        assertThat(output.lines().toList().get(1)).isEqualTo("state/0/0/1.delta: missing: the restart loads state"
                + " version 2 from the deltas 1..2");
        assertThat(output.lines().toList().get(2)).isEqualTo("2 problem(s) in 9 files checked in " + cp.toAbsolutePath());

        assertThat(sluice("checkpoint", "verify", dir.resolve("nothing").toString())).isEqualTo(2);
    }

    @Test
    void inspectShowsBatchesOperatorsAndWhatARestartDoesNext() throws Exception {
        assertThat(sluice("checkpoint", "inspect", cp.toString())).isZero();
        assertThat(output).contains("Checkpoint " + cp.toAbsolutePath(), "Query id: ",
                "Batches: 0..1 in offsets/, last committed 1",
                "Batch 0: committed, watermark 0", "Batch 1: committed", "  source 0: ",
                "Setting spark.sql.shuffle.partitions = 2", "Setting spark.sluice.state.keyGroups = 128",
                "  state/0: 2 partition(s), provider in-memory (delta/snapshot files), versions 1..2",
                "Next: a restart plans batch 2 from the sources, after the offsets of batch 1, with state version 2.");
        Files.delete(cp.resolve("commits/1"));
        assertThat(sluice("checkpoint", "inspect", cp.toString())).isZero();
        assertThat(output).contains("Batch 1: NOT committed",
                "Next: a restart re-runs batch 1 with its logged offsets (from those of batch 0), state version 1");
    }

    @Test
    void replayRunsTheUsersProgramInReplayModeAndComparesWithTheSinksFiles() throws Exception {
        Path in = Files.createDirectories(dir.resolve("replay-in"));
        Path out = dir.resolve("replay-out");
        Path cp = dir.resolve("replay-cp");
        String[] program = {in.toString(), out.toString(), cp.toString()};
        Files.writeString(in.resolve("a.json"), "{\"name\":\"Ana\",\"age\":30}\n{\"name\":\"Bo\",\"age\":12}\n");
        ReplayDemoQuery.main(program);
        Files.writeString(in.resolve("b.json"), "{\"name\":\"Cy\",\"age\":41}\n");
        ReplayDemoQuery.main(program);

        String[] replay = {"checkpoint", "replay", cp.toString(), "--batch", "1", "--main",
                ReplayDemoQuery.class.getName(), "--scratch", dir.resolve("scratch").toString(), "--", in.toString(),
                out.toString(), cp.toString()};
        assertThat(sluice(replay)).as(output).isZero();
        assertThat(output).contains("Batch 1 replayed: 1 row(s); the same rows as the sink recorded (1)");
        assertThat(System.getProperty("sluice.replay.batch")).isNull();

        // change the row batch 1 wrote: the replay reports it and exits 1
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                Files.writeString(f, Files.readString(f).replace("\"age\":41", "\"age\":14"));
            }
        }
        replay[8] = dir.resolve("scratch2").toString();
        assertThat(sluice(replay)).as(output).isEqualTo(1);
        assertThat(output).contains("only in the replay (1):\n  [Cy,41]", "only in the sink's output (1):\n  [Cy,14]");

        assertThat(sluice("checkpoint", "replay", cp.toString(), "--batch", "7")).isEqualTo(2);
        assertThat(output).contains("Batch 7 of " + cp + " cannot be replayed: it is not a committed batch");
        assertThat(sluice("checkpoint", "replay", cp.toString(), "--batch", "1")).isEqualTo(2);
        assertThat(output).contains("is committed and can be replayed. A replay needs the query's plan");
    }
}
