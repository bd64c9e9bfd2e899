package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free ISO timestamp reader: hand-computed values, java.time as the oracle for random instants, and
 * every text outside its shape handed back to the general path.
 */
class IsoTimestampsTest {
    private static final int UTC = 0;

    private static long parse(String text, int offsetSeconds) {
        char[] padded = ("xx" + text + "yy").toCharArray(); // an offset into a larger buffer, as Jackson's
        return IsoTimestamps.parse(padded, 2, text.length(), offsetSeconds);
    }

    @Test
    void handComputedValues() {
        assertThat(parse("1970-01-01T00:00:00Z", UTC)).isZero();
        assertThat(parse("1970-01-02 00:00:01", UTC)).isEqualTo(86_401_000_000L);
        // 2026-01-01 is day 56 * 365 + 14 leap days = 20,454; then January-October (304 days) + 25 days = 329
        assertThat(parse("2026-11-26T00:00:00Z", UTC)).isEqualTo((20_454L + 329) * 86_400_000_000L);
        assertThat(parse("1969-12-31T23:59:59.5Z", UTC)).isEqualTo(-500_000L);
        assertThat(parse("2000-02-29T12:00:00.123456789Z", UTC)).isEqualTo(951_825_600_123_456L);
        assertThat(parse("1970-01-01T02:00:00", 7_200)).isZero();
    }

    @Test
    void textOutsideTheShapeGoesToTheGeneralPath() {
        for (String text : new String[] {"2026-1-26T00:00:00Z", "2026-11-26T0:00:00Z", "2026-11-26", " 2026-11-26T00:00:00Z",
            "2026-11-26T00:00:00Z ", "2026-11-26T00:00:00+01:00", "2026-11-26T00:00:00.Z", "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T00:60:00Z",
            "2026-11-26T00:00:60Z", "2026-11-26X00:00:00Z", "2026/11/26T00:00:00Z", "+2026-11-26T00:00:00Z",
            "20261-11-26T00:00:00Z", "2026-11-26T00:00:00UTC"}) {
            assertThat(parse(text, UTC)).as(text).isEqualTo(IsoTimestamps.NOT_HANDLED);
        }
        assertThat(parse("2026-11-26T00:00:00", IsoTimestamps.NO_FIXED_OFFSET)).isEqualTo(IsoTimestamps.NOT_HANDLED);
        assertThat(parse("2026-11-26T00:00:00Z", IsoTimestamps.NO_FIXED_OFFSET)).isNotEqualTo(IsoTimestamps.NOT_HANDLED);
    }

    @Test
    void fixedOffsets() {
        assertThat(IsoTimestamps.fixedOffsetSeconds(ZoneId.of("UTC"))).isZero();
        assertThat(IsoTimestamps.fixedOffsetSeconds(ZoneOffset.ofHours(-3))).isEqualTo(-10_800);
        assertThat(IsoTimestamps.fixedOffsetSeconds(ZoneId.of("Europe/Madrid"))).isEqualTo(IsoTimestamps.NO_FIXED_OFFSET);
    }

    /** Instant.toString() text, as machine-written JSON holds, reads back to the instant (java.time the oracle). */
    @Property(tries = 2_000)
    void readsInstantText(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
                          @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        long micros = seconds * 1_000_000L + nanos / 1_000;
        assertThat(parse(instant.toString(), UTC)).isEqualTo(micros);
    }

    /** Zone-less wall time in a fixed offset: java.time's LocalDateTime.toEpochSecond as the oracle. */
    @Property(tries = 1_000)
    void readsWallTimeInTheDefaultOffset(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
                                         @ForAll @IntRange(min = -64_800, max = 64_800) int offsetSeconds) {
        LocalDateTime wall = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        String text = String.format("%04d-%02d-%02d %02d:%02d:%02d", wall.getYear(), wall.getMonthValue(),
                wall.getDayOfMonth(), wall.getHour(), wall.getMinute(), wall.getSecond());
        long expected = wall.toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds)) * 1_000_000L;
        assertThat(parse(text, offsetSeconds)).isEqualTo(expected);
    }
}
