package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The heap estimate that memory accounting uses: exact for fixed widths, close for strings (sampled). */
class EstimatedBytesTest {
    @Test
    void fixedWidthVectorsCountTheirArrays() {
        ColumnVector longs = ColumnVector.allocate(DataTypes.LongType, 1000);
        for (int i = 0; i < 1000; i++) {
            longs.appendLong(i);
        }
        assertThat(longs.estimatedBytes()).isEqualTo(16 + 8L * 1000);
    }

    @Test
    void stringVectorsAreEstimatedFromASampleWithinAFewPercent() {
        int n = 10_000;
        ColumnVector strings = ColumnVector.allocate(DataTypes.StringType, n);
        long exact = 16 + 8L * n;
        for (int i = 0; i < n; i++) {
            String s = "x".repeat(50 + i % 100); // lengths 50..149, evenly spread
            strings.appendString(s);
            exact += 40 + s.length();
        }
        assertThat((double) strings.estimatedBytes()).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(5));
        Chunk chunk = new Chunk(n, new ColumnVector[] {strings, strings});
        assertThat(chunk.estimatedBytes()).isEqualTo(16 + 2 * strings.estimatedBytes());
    }
}
