package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the lean cold start (benchmarks/README.md, "Start-up"): in a fresh JVM, a new query's path to its
 * first batch loads no Jackson class and no function family it does not use. Counts classes, not time.
 */
class ColdStartTest {
    @Test
    void firstBatchOfANewQueryLoadsNeitherJacksonNorUnusedFunctionFamilies(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path log = dir.resolve("classes.txt");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                ColdStartProbe.class.getName(), dir.resolve("checkpoint").toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(2, TimeUnit.MINUTES)).as("probe finished").isTrue();
        assertThat(output).contains(ColdStartProbe.COMMITTED);
        assertThat(probe.exitValue()).as(output).isZero();

        List<String> loaded = java.nio.file.Files.readAllLines(log);
        assertThat(loaded).as("classes loaded").anyMatch(l -> l.contains(" dev.sluice.stream.MicroBatchExecution "));
        assertThat(loaded).noneMatch(l -> l.contains(" com.fasterxml.jackson."));
        assertThat(loaded).noneMatch(l -> l.contains(" dev.sluice.expr.scalar.DateTimeFunctions "));
        assertThat(loaded).noneMatch(l -> l.contains(" dev.sluice.expr.scalar.StringFunctions "));
        assertThat(loaded).noneMatch(l -> l.contains(" dev.sluice.expr.aggregate.AggregateFunctions "));
    }
}
