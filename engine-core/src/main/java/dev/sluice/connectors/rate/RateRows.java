package dev.sluice.connectors.rate;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.LongVector;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the rate sources: {@code timestamp} (timestamp) and {@code value} (long), Spark's schema. A batch
 * holds the values {@code [rangeStart, rangeEnd)} spread over {@code numPartitions} partitions as Spark's readers
 * do (partition {@code p} takes {@code rangeStart + p}, then every {@code numPartitions}-th value), and the rows
 * come partition after partition, the order Spark's {@code collect} shows. Stateless.
 */
final class RateRows {
    /** {@code timestamp} timestamp, {@code value} long. */
    static final StructType SCHEMA = new StructType().add("timestamp", DataTypes.TimestampType)
            .add("value", DataTypes.LongType);

    private RateRows() {
    }

    /**
     * The batch's chunks. The timestamp of value {@code v}, in milliseconds, is
     * {@code startMs + Math.round((v - rangeStart) * msPerValue)} (0 per value gives every row {@code startMs}).
     */
    static List<Chunk> chunks(long rangeStart, long rangeEnd, int numPartitions, long startMs, double msPerValue) {
        List<Chunk> out = new ArrayList<>();
        long[] times = null;
        long[] values = null;
        int rows = 0;
        for (int p = 0; p < numPartitions; p++) {
            for (long v = rangeStart + p; v < rangeEnd; v += numPartitions) {
                if (rows == 0) {
                    long left = remaining(rangeStart, rangeEnd, numPartitions, p, v);
                    int size = (int) Math.min(Chunk.DEFAULT_ROWS, left);
                    times = new long[size];
                    values = new long[size];
                }
                times[rows] = (startMs + Math.round((v - rangeStart) * msPerValue)) * 1000;
                values[rows] = v;
                rows++;
                if (rows == times.length) {
                    out.add(chunk(times, values, rows));
                    rows = 0;
                }
            }
        }
        return out;
    }

    /** How many rows are still to come from value {@code v} of partition {@code p} on (sizes the next chunk). */
    private static long remaining(long rangeStart, long rangeEnd, int numPartitions, int p, long v) {
        long inThisPartition = (rangeEnd - v + numPartitions - 1) / numPartitions;
        long later = 0;
        for (int q = p + 1; q < numPartitions; q++) {
            long first = rangeStart + q;
            later += first < rangeEnd ? (rangeEnd - first + numPartitions - 1) / numPartitions : 0;
        }
        return inThisPartition + later;
    }

    private static Chunk chunk(long[] times, long[] values, int rows) {
        return new Chunk(rows, LongVector.wrap(DataTypes.TimestampType, times, rows, null),
                LongVector.wrap(DataTypes.LongType, values, rows, null));
    }
}
