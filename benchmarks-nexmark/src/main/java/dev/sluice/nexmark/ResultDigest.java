package dev.sluice.nexmark;

import java.math.BigDecimal;
import java.util.Date;

/**
 * An order-independent digest of a query's output: the number of rows and the sum (mod 2^64) of a 64-bit hash of
 * each row's canonical text, so two engines that emit the same rows in any order and any batching agree. Values
 * are canonical whatever the engine's external type: timestamps as epoch milliseconds, decimals without trailing
 * zeros, nulls as {@code \N}; each value is followed by {@code \u0001}. The hash is FNV-1a over the UTF-8 bytes of
 * that text, fed value by value without building the row's text or its bytes (the check runs on every output row
 * of both engines, so it should cost little next to them); {@code ResultDigestTest} pins the digests to the
 * text-building form. Not thread-safe.
 */
public final class ResultDigest {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = 1; // U+0001, one UTF-8 byte

    private final byte[] digits = new byte[20];
    private long rows;
    private long sum;
    private long h;

    /** Adds one output row, its column values in order. */
    public void add(Object... values) {
        beginRow();
        for (Object v : values) {
            value(v);
        }
        endRow();
    }

    /** Starts a row whose values follow through {@link #value} and which {@link #endRow} adds. */
    void beginRow() {
        h = FNV_OFFSET;
    }

    /** Feeds one value of the current row: its canonical text, then the separator. */
    void value(Object v) {
        if (v == null) {
            h = mix(mix(h, '\\'), 'N');
        } else if (v instanceof String s) {
            h = string(h, s);
        } else if (v instanceof Long l) {
            h = decimal(h, l);
        } else if (v instanceof Integer i) {
            h = decimal(h, i);
        } else if (v instanceof Date d) {
            h = decimal(h, d.getTime());
        } else if (v instanceof java.time.Instant i) {
            h = decimal(h, i.toEpochMilli());
        } else if (v instanceof BigDecimal b) {
            h = bigDecimal(h, b);
        } else if (v instanceof Short || v instanceof Byte) {
            h = decimal(h, ((Number) v).longValue());
        } else {
            h = string(h, v.toString());
        }
        h = mix(h, SEPARATOR);
    }

    /** Adds the row fed since {@link #beginRow}. */
    void endRow() {
        rows++;
        sum += finish(h);
    }

    /** The canonical text of one value (what {@link #value} hashes); kept for tests and messages. */
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

    private static long mix(long h, int b) {
        return (h ^ (b & 0xff)) * FNV_PRIME;
    }

    /** A SplitMix64 finalizer so that sums of hashes do not cancel out. */
    private static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** The bytes {@code s.getBytes(UTF_8)} gives (a lone surrogate becomes {@code '?'}), without making them. */
    private static long string(long h, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = mix(h, c);
            } else if (c < 0x800) {
                h = mix(mix(h, 0xc0 | (c >> 6)), 0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    h = mix(mix(mix(mix(h, 0xf0 | (cp >> 18)), 0x80 | ((cp >> 12) & 0x3f)),
                            0x80 | ((cp >> 6) & 0x3f)), 0x80 | (cp & 0x3f));
                } else {
                    h = mix(h, '?');
                }
            } else {
                h = mix(mix(mix(h, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 0x3f)), 0x80 | (c & 0x3f));
            }
        }
        return h;
    }

    /** The bytes of {@code Long.toString(v)}. */
    private long decimal(long h, long v) {
        if (v < 0) {
            h = mix(h, '-');
        } else {
            v = -v; // work on the negative side, where Long.MIN_VALUE fits
        }
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' - (v % 10));
            v /= 10;
        } while (v != 0);
        for (; at < digits.length; at++) {
            h = mix(h, digits[at]);
        }
        return h;
    }

    /**
     * The bytes of {@code stripTrailingZeros().toPlainString()} (or {@code 0}), from the unscaled value when it
     * fits a long; other decimals through that text.
     */
    private long bigDecimal(long h, BigDecimal b) {
        if (b.signum() == 0) {
            return mix(h, '0');
        }
        int scale = b.scale();
        if (b.precision() > 18 || scale > 18 || scale < -18) {
            return string(h, b.stripTrailingZeros().toPlainString());
        }
        long unscaled = b.unscaledValue().longValue();
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        if (scale <= 0) { // an integer: its digits, then -scale zeros
            h = decimal(h, unscaled);
            for (int i = 0; i < -scale; i++) {
                h = mix(h, '0');
            }
            return h;
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        if (unscaled < 0) {
            h = mix(h, '-');
            unscaled = -unscaled; // |unscaled| < 10^18: no overflow
        }
        h = decimal(h, unscaled / pow);
        h = mix(h, '.');
        long fraction = unscaled % pow;
        for (long p = pow / 10; p > 0; p /= 10) {
            h = mix(h, (int) ('0' + (fraction / p) % 10));
        }
        return h;
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
