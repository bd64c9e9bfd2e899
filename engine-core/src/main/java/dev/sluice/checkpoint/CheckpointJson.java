package dev.sluice.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * JSON for the checkpoint logs. Writing is done here by hand: the entries are a few numbers and string
 * pairs, and Jackson's {@code JsonFactory} alone loads ~70 classes (~0.2 s in a fresh JVM on a busy
 * machine) on a new query's first batch. The text is the one Jackson writes for the same tree (compact,
 * Jackson's escapes), so logs written before and after read the same. Reading uses a data-binding
 * {@link ObjectMapper}, built only when an existing log is read (a restart), never for a new query.
 * Stateless and thread-safe.
 */
final class CheckpointJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CheckpointJson() {
    }

    /**
     * {@code text} parsed as a JSON tree (the mapper is built on first use; holder idiom). Text that is not
     * JSON means {@code file} is corrupted, {@code notJson} says how. Callers catch no Jackson type, so
     * loading them (on a new query's start) does not make the verifier open Jackson's jars.
     */
    static JsonNode readTree(Path file, String text, String notJson) {
        return Reader.readTree(file, text, notJson);
    }

    /**
     * Appends {@code value} as a JSON string literal with Jackson's default escapes: {@code \"}, {@code \\},
     * {@code \b \t \n \f \r}, other control characters as {@code \}{@code u00XX}; everything else as is.
     */
    static StringBuilder appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Holds the mapper and the Jackson exception handling, so writing never loads either. */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper();

        static JsonNode readTree(Path file, String text, String notJson) {
            try {
                return MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw CheckpointFile.corrupted(file, notJson);
            }
        }
    }
}
