package dev.sluice.connectors.file;

import java.util.Locale;

/** What a text-format reader does with a record it cannot parse, as Spark's {@code mode} option. */
public enum ParseMode {
    /** Bad fields become null; the raw record goes to the corrupt-record column when the schema has it. */
    PERMISSIVE,
    /** Malformed records are skipped and counted ({@link ChunkReader#malformedDropped()}). */
    DROPMALFORMED,
    /** The first malformed record fails the read with an error naming the file and line. */
    FAILFAST;

    /** The mode named by an option value (case-insensitive); null means PERMISSIVE, as unknown names in Spark. */
    public static ParseMode fromOption(String value) {
        if (value == null) {
            return PERMISSIVE;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "DROPMALFORMED" -> DROPMALFORMED;
            case "FAILFAST" -> FAILFAST;
            default -> PERMISSIVE;
        };
    }
}
