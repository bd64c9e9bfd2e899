package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the overhead benchmark briefly and prints its figures (a smoke test; the bound is generous). */
class BatchOverheadTest {
    @Test
    void oneRowBatchesWithCheckpointingAreCheap() throws Exception {
        double[] times = BatchOverheadBenchmark.run(100, 300);
        double p50 = BatchOverheadBenchmark.percentile(times, 0.5);
        double p99 = BatchOverheadBenchmark.percentile(times, 0.99);
        System.out.printf("per-batch overhead (300 1-row batches, checkpointing on): p50 = %.3f ms, p99 = %.3f ms%n",
                p50, p99);
        assertThat(p50).isLessThan(50);
    }
}
