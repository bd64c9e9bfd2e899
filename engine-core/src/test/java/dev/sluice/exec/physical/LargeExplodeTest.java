package dev.sluice.exec.physical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Exploding a row with a 1,000,000-element array fits a 256 MB heap: the generator keeps only the input
 * columns read above it, so the array is not copied once per element (before, that took 10^12 values).
 */
class LargeExplodeTest {
    @Test
    void explodesAMillionElementArrayIn256Megabytes() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LargeExplodeProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(3, TimeUnit.MINUTES)).as("probe finished").isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        long n = LargeExplodeProbe.ELEMENTS;
        // count, sum 1..n = n(n+1)/2, and the id 7 repeated once per element
        assertThat(output).contains("RESULT " + n + " " + (n * (n + 1) / 2) + " " + (7 * n));
    }
}
