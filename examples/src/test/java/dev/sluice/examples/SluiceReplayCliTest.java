package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice checkpoint replay DIR --batch N --main CLASS -- ARGS}: the user's program ({@link ReplayDemoQuery})
 * is run in replay mode, its query's batch N is re-run into a scratch folder and compared with the files its JSON
 * sink logged for the batch; the exit code says same (0), different (1) or cannot run (2).
 */
class SluiceReplayCliTest {
    @TempDir
    Path dir;
    private String output;

    private int sluice(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SluiceCli.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        output = bytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void replayRunsTheUsersProgramInReplayModeAndComparesWithTheSinksFiles() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");
        Path cp = dir.resolve("cp");
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
