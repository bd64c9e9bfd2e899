package dev.sluice.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The checksum of a JSON-lines log file in Spark's format ({@code v1} then one JSON object per line: the file
 * source's {@code sources/<n>/<batch>} and the file sink's {@code _spark_metadata/<batch>}), which must stay
 * readable by Spark and so cannot take {@link CheckpointFile}'s trailer: the last entry gets one more field,
 * {@code "crc32":"<8 lowercase hex>"}, the CRC-32 of every byte of the file before that field. Spark's readers
 * ignore unknown fields. A file without the field (Spark's, or an older Sluice's) cannot be verified; a field
 * that is nearly the checksum field (at most 3 bytes off) is a damaged one, so one flipped byte in it is caught
 * rather than taken for an old file. Stateless and thread-safe.
 */
public final class LogChecksum {
    /** The field closing the last entry: {@code ,"crc32":"} + 8 hex digits + {@code "\}}. */
    private static final byte[] TEMPLATE = ",\"crc32\":\"00000000\"}".getBytes(StandardCharsets.US_ASCII);
    private static final int HEX_START = 10;
    private static final int MAX_DAMAGE = 3;

    private LogChecksum() {
    }

    /**
     * {@code text} (a version line and JSON objects, one per line, the last ending the text) with the checksum
     * field added to its last object; {@code text} unchanged when it has no object (a batch without entries).
     */
    public static byte[] sign(byte[] text) {
        int body = text.length - 1;
        if (body < 0 || text[body] != '}') {
            return text;
        }
        if (text[body - 1] == '{') {
            throw new IllegalArgumentException("a log entry must be a non-empty JSON object");
        }
        CRC32 crc = new CRC32();
        crc.update(text, 0, body);
        byte[] field = String.format(",\"crc32\":\"%08x\"}", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] result = Arrays.copyOf(text, body + field.length);
        System.arraycopy(field, 0, result, body, field.length);
        return result;
    }

    /** Whether {@code bytes} end with the checksum field, intact or damaged. */
    public static boolean carriesChecksum(byte[] bytes) {
        return damage(bytes) <= MAX_DAMAGE;
    }

    /**
     * What is wrong with {@code bytes}' checksum, or null when it matches or the file has no checksum field.
     */
    public static String problem(byte[] bytes) {
        int damage = damage(bytes);
        if (damage > MAX_DAMAGE) {
            return null;
        }
        if (damage > 0) {
            return "its checksum field is damaged";
        }
        int start = bytes.length - TEMPLATE.length;
        long expected = Long.parseLong(new String(bytes, start + HEX_START, 8, StandardCharsets.US_ASCII), 16);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, start);
        if (crc.getValue() != expected) {
            return String.format("its checksum does not match (expected %08x, found %08x)", expected, crc.getValue());
        }
        return null;
    }

    /** How many bytes of the end of {@code bytes} differ from the checksum field's form (a large number if short). */
    private static int damage(byte[] bytes) {
        int n = TEMPLATE.length;
        if (bytes.length < n + 2) {
            return Integer.MAX_VALUE;
        }
        int start = bytes.length - n;
        int mismatches = 0;
        for (int i = 0; i < n; i++) {
            byte b = bytes[start + i];
            boolean hex = i >= HEX_START && i < HEX_START + 8;
            if (hex ? !((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f')) : b != TEMPLATE[i]) {
                mismatches++;
            }
        }
        return mismatches;
    }
}
