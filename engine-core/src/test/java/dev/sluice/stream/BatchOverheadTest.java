package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the overhead benchmark briefly and prints its figures: a smoke test that the benchmark runs every batch. It
 * asserts no time (speed figures belong to benchmarks, never to timed tests: a 50 ms bound here failed on a loaded
 * box); the figures are read from {@link BatchOverheadBenchmark}'s own runs.
 */
class BatchOverheadTest {
    @Test
    void oneRowBatchesWithCheckpointingAreCheap() throws Exception {
        double[] times = BatchOverheadBenchmark.run(100, 300);
        double p50 = BatchOverheadBenchmark.percentile(times, 0.5);
        double p99 = BatchOverheadBenchmark.percentile(times, 0.99);
        System.out.printf("per-batch overhead (300 1-row batches, checkpointing on): p50 = %.3f ms, p99 = %.3f ms%n",
                p50, p99);
        assertThat(times).hasSize(300);
        for (double t : times) {
            assertThat(t).isFinite().isNotNegative();
        }
    }
}
