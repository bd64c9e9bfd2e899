package dev.sluice.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How {@link RealTimeReader#polling} readers wait: a source that is told of arrivals wakes the reader at once, so
 * a reader never needs to ask it in a loop. The waits here are minutes long: a reader that was not woken would
 * make the test time out instead of passing.
 */
class RealTimeReaderArrivalsTest {
    private static final long MINUTES = TimeUnit.MINUTES.toNanos(5);

    @Test
    void aSignalWakesAWaiterAtOnceAndAMovedMarkIsNeverWaitedFor() throws Exception {
        RealTimeReader.Signal signal = new RealTimeReader.Signal();
        long mark = signal.mark();
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
            try {
                signal.await(mark, MINUTES);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        signal.arrived();
        waiter.get(60, TimeUnit.SECONDS);
        assertThat(signal.mark()).isEqualTo(mark + 1);
        // an arrival between reading the mark and waiting: the wait returns at once (no lost wake-up)
        signal.await(mark, MINUTES);
    }

    @Test
    void aMemoryStreamReaderWaitingForDataReturnsTheBlockAddedMeanwhile() throws Exception {
        SluiceSession spark = Sluice.builder().master("local[1]").getOrCreate();
        MemoryStream input = MemoryStream.of(spark, new StructType().add("value", DataTypes.LongType));
        RealTimeReader reader = ((SupportsRealTime) input).realTimeReader(null);
        CompletableFuture<List<Chunk>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.poll(TimeUnit.MINUTES.toMillis(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        input.addValues(1L, 2L, 3L);
        List<Chunk> rows = poll.get(60, TimeUnit.SECONDS);
        assertThat(rows.stream().mapToInt(Chunk::rowCount).sum()).isEqualTo(3);
        assertThat(reader.poll(0)).isEmpty();
    }

    @Test
    void aPacedReaderSleepsUntilTheNextRowsAreDueButNotPastItsTimeout() throws Exception {
        long[] asked = {0};
        RealTimeReader.Arrivals paced = RealTimeReader.Arrivals.until(() -> {
            asked[0]++;
            return MINUTES;
        });
        long start = System.nanoTime();
        paced.await(paced.mark(), TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThat(asked[0]).isEqualTo(1);
    }
}
