package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --follow}: a case keeps feeding input until stopped (Ctrl-C), then ends cleanly and cleans up. */
class FollowModeTest {
    @Test
    void invoiceFilesKeepArrivingUntilStopRequestedThenTheWorkFolderIsDeleted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExampleContext context = new ExampleContext(out,
                new ExampleContext.Options(null, null, null, null, true, InputStream.nullInputStream()));
        Path workDir = context.workDir();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> code = runner.submit(() -> {
                try (context) {
                    return ExamplesRunner.runCases("invoice-files", context);
                }
            });
            // Wait for two generated files to be processed; the bound only guards against a hang.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!bytes.toString(StandardCharsets.UTF_8).contains("dropped facturas-5.json")
                    && System.nanoTime() < deadline && !code.isDone()) {
                Thread.sleep(50);
            }
            context.requestStop();
            assertThat(code.get(2, TimeUnit.MINUTES)).isZero();
        } finally {
            runner.shutdownNow();
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        RunnerOutput.save("follow", output);
        assertThat(output).contains("(--follow: dropping an invoice file every 2000 ms until Ctrl-C)")
                .contains("dropped facturas-4.json into entrada")
                .contains("dropped facturas-5.json into entrada")
                .contains("facturaWriterQuery.recentProgress");
        assertThat(Files.exists(workDir)).isFalse();
    }

    @Test
    void typedLinesGoToTheSocketSourceUntilEndOfInput() throws Exception {
        InputStream typed = new ByteArrayInputStream("hola mundo hola\n".getBytes(StandardCharsets.UTF_8));
        String output = RunnerOutput.run("word-count",
                new ExampleContext.Options(null, null, null, null, true, typed));
        String complete = RunnerOutput.between(output, "--- outputMode(\"complete\")", "--- outputMode(\"update\")");
        assertThat(complete).contains("(--follow: type lines to send them to the socket source; end of input (Ctrl-D)"
                + " goes on, Ctrl-C stops)");
        assertThat(RunnerOutput.batchRows(complete, 2).stream().map(RunnerOutput::cells)).contains("hola,2", "mundo,1",
                "Severo,2");
    }
}
