package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stateful streaming queries give the same batches, row for row and in the same order, on 1, 2 and 4 threads:
 * partial aggregation, per-partition state reads/writes and eviction, and deduplication run in parallel
 * without changing results (each local[N] in its own JVM, since a JVM has one session).
 */
class StreamingParallelismTest {
    @Test
    void sameBatchesOnOneTwoAndFourThreads() throws Exception {
        List<String> one = run(1);
        assertThat(one).anyMatch(l -> l.startsWith("windowed ")).anyMatch(l -> l.startsWith("update "))
                .anyMatch(l -> l.startsWith("dedup "));
        assertThat(one.size()).isGreaterThan(1000);
        List<String> sortedOne = one.stream().sorted().toList();
        for (int threads : new int[] {2, 4}) {
            List<String> other = run(threads);
            // batch contents and the order within each query's batch: compare per query, in order
            for (String query : new String[] {"windowed ", "update ", "dedup "}) {
                assertThat(other.stream().filter(l -> l.startsWith(query)).toList()).as("%s on %d threads", query, threads)
                        .isEqualTo(one.stream().filter(l -> l.startsWith(query)).toList());
            }
            assertThat(other.stream().sorted().toList()).isEqualTo(sortedOne);
        }
    }

    private static List<String> run(int threads) throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StreamingParallelismProbe.class.getName(),
                Integer.toString(threads)).redirectErrorStream(false).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(3, TimeUnit.MINUTES)).as("probe finished").isTrue();
        assertThat(probe.exitValue()).as(errors).isZero();
        return output.lines().filter(l -> l.startsWith("windowed ") || l.startsWith("update ")
                || l.startsWith("dedup ")).toList();
    }
}
