package dev.sluice.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;

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

    /** The tree reader, built when first asked for (holder idiom: the JVM makes its creation thread-safe). */
    static ObjectMapper reader() {
        return Reader.MAPPER;
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

    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
