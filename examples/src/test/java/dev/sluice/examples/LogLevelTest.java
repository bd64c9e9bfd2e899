package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --log-level} through the runner's real binding (slf4j-simple reads its level once per JVM, so each run is
 * a fresh {@code java} process, as a user's).
 */
class LogLevelTest {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result runner(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), ExamplesRunner.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        // the outputs are small: read them after the end
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("runner did not end in 120 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void infoShowsTheQueriesStartingAndEnding() throws Exception {
        Result r = runner("run", "deduplication", "--log-level", "info");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("INFO dev.sluice.streaming - Started streaming query")
                .contains("terminated without error").doesNotContain("DEBUG");
    }

    @Test
    void theDefaultShowsWarningsOnly() throws Exception {
        Result r = runner("run", "deduplication");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).doesNotContain("INFO dev.sluice").doesNotContain("DEBUG");
    }

    @Test
    void anUnknownLevelIsRejectedNamingTheChoices() throws Exception {
        Result r = runner("run", "deduplication", "--log-level", "loud");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--log-level").contains("loud").contains("TRACE, DEBUG, INFO, WARN, ERROR, OFF");
    }

    @Test
    void uiFlagStartsTheWebUiOfTheCaseSession() throws Exception {
        Result r = runner("run", "deduplication", "--ui", "--log-level", "info");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).containsPattern("INFO dev.sluice.ui - Sluice UI of session \\S+ at http://127.0.0.1:\\d+/")
                .contains("stopped");
    }
}
