package dev.sluice.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Parquet connector's warm-up writes a whole file, in memory (the engine side: {@code DataSourcesTest}). */
class ParquetWarmUpTest {
    @Test
    void theWarmUpWritesAWholeParquetFileToMemory() throws Exception {
        byte[] file = ParquetWarmUp.writeOneFileToMemory();
        // "PAR1", the column chunks, the footer, its length, "PAR1": far more than the 12 framing bytes
        assertThat(file.length).isGreaterThan(100);
        assertThat(new String(file, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(new String(file, file.length - 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    }
}
