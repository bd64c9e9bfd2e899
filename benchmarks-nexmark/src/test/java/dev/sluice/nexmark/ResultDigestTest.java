package dev.sluice.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ResultDigest} hashes each value's canonical text without building the row's text; these tests pin its
 * digests to the text-building form it replaced ({@link TextDigest}, kept here as the reference), value kind by
 * value kind and over many random rows, so the digests in earlier results stay comparable.
 */
class ResultDigestTest {
    /** The digest as it was before the streaming form: the row's text, its UTF-8 bytes, FNV-1a, SplitMix64. */
    static final class TextDigest {
        private long rows;
        private long sum;

        void add(Object... values) {
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
            if (v instanceof java.util.Date d) {
                return Long.toString(d.getTime());
            }
            if (v instanceof Instant i) {
                return Long.toString(i.toEpochMilli());
            }
            if (v instanceof BigDecimal b) {
                return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
            }
            return v.toString();
        }

        private static long hash(String text) {
            long h = 0xcbf29ce484222325L;
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            return h ^ (h >>> 31);
        }

        @Override
        public String toString() {
            return "rows=" + rows + " digest=" + String.format("%016x", sum);
        }
    }

    private static void assertSameDigest(Object... row) {
        ResultDigest fast = new ResultDigest();
        TextDigest text = new TextDigest();
        fast.add(row);
        text.add(row);
        assertEquals(text.toString(), fast.toString(), () -> "row " + java.util.Arrays.deepToString(row));
    }

    @Test
    void eachKindOfValueHashesAsItsText() {
        assertSameDigest();
        assertSameDigest((Object) null);
        assertSameDigest(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1234567890123L);
        assertSameDigest(0, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, (short) -3, (byte) 127);
        assertSameDigest("", "plain ascii", "é", "€uro", "😀 astral", "\ud800 lone high", "lone low \udc00", "\udc00\ud800");
        assertSameDigest(new Timestamp(-1), Timestamp.valueOf("2015-07-15 00:00:00.123456789"),
                java.sql.Date.valueOf("1969-12-31"), Instant.ofEpochSecond(-5, 999_999_999));
        assertSameDigest(new BigDecimal("0.000"), new BigDecimal("908.000"), new BigDecimal("-0.5"),
                new BigDecimal("0.00123"), new BigDecimal("-12.3400"), new BigDecimal("1.2E+3"),
                new BigDecimal("-5E-18"), new BigDecimal("999999999999999999"), new BigDecimal("-0.999999999999999999"),
                new BigDecimal("12345678901234567890.5"), new BigDecimal("1E+40"), new BigDecimal("1E-40"),
                new BigDecimal("100"), new BigDecimal("-100.0"));
        assertSameDigest(1.5d, -0.0d, Double.NaN, 1e300, 2.5f, true, false, List.of(1, "a"));
    }

    @Test
    void manyRandomRowsGiveTheTextFormsDigest() {
        Random random = new Random(20);
        ResultDigest fast = new ResultDigest();
        TextDigest text = new TextDigest();
        for (int r = 0; r < 50_000; r++) {
            Object[] row = new Object[1 + random.nextInt(6)];
            for (int c = 0; c < row.length; c++) {
                row[c] = randomValue(random);
            }
            fast.add(row);
            text.add(row);
            if (r % 997 == 0) {
                assertSameDigest(row);
            }
        }
        assertEquals(text.toString(), fast.toString());
    }

    @Test
    void outputCheckRowsGiveTheSameDigestAsArrays() {
        Random random = new Random(7);
        OutputCheck streamed = new OutputCheck(NexmarkQuery.Q1);
        TextDigest text = new TextDigest();
        for (int r = 0; r < 5_000; r++) {
            Object[] row = {random.nextLong(), random.nextInt(), randomValue(random), randomValue(random)};
            streamed.row(row.length, i -> row[i]);
            text.add(row);
        }
        assertEquals(text.toString(), streamed.digest().toString());
    }

    private static Object randomValue(Random random) {
        switch (random.nextInt(12)) {
            case 0:
                return null;
            case 1:
                return random.nextLong() >> random.nextInt(64);
            case 2:
                return random.nextInt() >> random.nextInt(32);
            case 3:
                return randomString(random);
            case 4: {
                Timestamp t = new Timestamp(random.nextLong() >> 20);
                t.setNanos(random.nextInt(1_000_000_000));
                return t;
            }
            case 5:
                return Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            case 6:
            case 7: {
                BigInteger unscaled = BigInteger.valueOf(random.nextLong() >> random.nextInt(64));
                if (random.nextInt(5) == 0) {
                    unscaled = unscaled.multiply(BigInteger.TEN.pow(random.nextInt(25)));
                }
                return new BigDecimal(unscaled, random.nextInt(44) - 22);
            }
            case 8:
                return random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 9:
                return random.nextBoolean();
            case 10:
                return java.sql.Date.valueOf(java.time.LocalDate.ofEpochDay(random.nextInt(100_000) - 50_000));
            default:
                return (short) random.nextInt();
        }
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(5)) {
                case 0 -> s.append((char) (0xd800 + random.nextInt(0x800))); // surrogates, paired or not
                case 1 -> s.append((char) (0x80 + random.nextInt(0x780)));
                case 2 -> s.appendCodePoint(0x10000 + random.nextInt(0xfffff));
                case 3 -> s.append((char) random.nextInt(0x10000));
                default -> s.append((char) random.nextInt(0x80));
            }
        }
        return s.toString();
    }
}
