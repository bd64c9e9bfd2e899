package dev.sluice.nexmark;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * An order-independent digest of a query's output: the number of rows and the sum (mod 2^64) of a 64-bit hash of
 * each row's canonical text, so two engines that emit the same rows in any order and any batching agree. Values
 * are canonical whatever the engine's external type: timestamps as epoch milliseconds, decimals without trailing
 * zeros, nulls as {@code \N}. Not thread-safe.
 */
public final class ResultDigest {
    private long rows;
    private long sum;

    /** Adds one output row, its column values in order. */
    public void add(Object... values) {
        StringBuilder text = new StringBuilder();
        for (Object v : values) {
            text.append(canonical(v)).append('\u0001');
        }
        rows++;
        sum += hash(text.toString());
    }

    static String canonical(Object v) {
        if (v == null) {
            return "\\N";
        }
        if (v instanceof Date d) {
            return Long.toString(d.getTime());
        }
        if (v instanceof java.time.Instant i) {
            return Long.toString(i.toEpochMilli());
        }
        if (v instanceof BigDecimal b) {
            return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    /** FNV-1a over the UTF-8 bytes, then a SplitMix64 finalizer so that sums of hashes do not cancel out. */
    private static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    public long rows() {
        return rows;
    }

    /** {@code rows=<n> digest=<16 hex digits>}: what two engines' runs must agree on. */
    @Override
    public String toString() {
        return "rows=" + rows + " digest=" + String.format("%016x", sum);
    }
}
