package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.monitor.ConsoleProgress;
import dev.sluice.sql.streaming.SourceProgress;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.streaming.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file backlog of a Trigger.AvailableNow run: in the progress metrics, and as a console progress bar. */
class AvailableNowProgressTest extends FileStreamTestSupport {
    @Test
    void progressCountsTheFilesLeftAndTheBarFillsUp() throws Exception {
        Path in = dir.resolve("in");
        for (int i = 0; i < 6; i++) {
            drop(in.resolve("f" + i + ".txt"), "line" + i + "\n", 1000L * (i + 1));
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleProgress bar = new ConsoleProgress(spark.streams(), new PrintStream(console, true, StandardCharsets.UTF_8));
        spark.streams().addListener(bar);
        try {
            StreamingQuery q = spark.readStream().format("text").option("maxFilesPerTrigger", "2").load(in.toString())
                    .writeStream().queryName("backfill").format("memory").trigger(Trigger.AvailableNow()).start();
            q.awaitTermination();
            eventuallyEnded(console);

            List<String> outstanding = Arrays.stream(q.recentProgress()).map(StreamingQueryProgress::sources)
                    .map(s -> s[0]).map(SourceProgress::metrics)
                    .map(m -> m.get("numFilesOutstanding") + " of " + m.get("numFilesAvailableNow")).toList();
            assertThat(outstanding).containsExactly("4 of 6", "2 of 6", "0 of 6");
            String drawn = console.toString(StandardCharsets.UTF_8);
            assertThat(drawn.split("\r")).hasSize(4); // nothing before the first redraw, then three bars
            assertThat(drawn).contains("\rbackfill [==========>                   ] 2/6 files  33%")
                    .contains("\rbackfill [====================>         ] 4/6 files  67%")
                    .contains("\rbackfill [==============================] 6/6 files 100%").endsWith("\n");
        } finally {
            spark.streams().removeListener(bar);
        }
    }

    @Test
    void otherTriggersReportNoBacklog() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("a.txt"), "a\n", 1000);
        StreamingQuery q = spark.readStream().format("text").load(in.toString()).writeStream().queryName("plain")
                .format("memory").start();
        q.processAllAvailable();
        assertThat(q.lastProgress().sources()[0].metrics()).isEmpty();
    }

    private static void eventuallyEnded(ByteArrayOutputStream console) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!console.toString(StandardCharsets.UTF_8).endsWith("\n") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }
}
