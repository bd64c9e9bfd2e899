package dev.sluice.sql;

import java.util.Locale;

/**
 * What a batch write does when its destination already holds data, as Spark's {@code SaveMode}.
 * {@link #ErrorIfExists} is the default of {@link DataFrameWriter}.
 */
public enum SaveMode {
    /** Adds the new files next to the existing ones. */
    Append,
    /** Deletes the existing data first, then writes. */
    Overwrite,
    /** Fails with {@code PATH_ALREADY_EXISTS} when the destination exists. */
    ErrorIfExists,
    /** Writes nothing, silently, when the destination exists. */
    Ignore;

    /**
     * The mode named by Spark's strings: {@code append}, {@code overwrite}, {@code ignore}, {@code error},
     * {@code errorifexists} or {@code default} (case-insensitive).
     *
     * @throws IllegalArgumentException ({@code INVALID_SAVE_MODE}) for any other name
     */
    public static SaveMode fromString(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "append" -> Append;
            case "overwrite" -> Overwrite;
            case "ignore" -> Ignore;
            case "error", "errorifexists", "default" -> ErrorIfExists;
            default -> throw new SluiceException("INVALID_SAVE_MODE", "The specified save mode \"" + name
                    + "\" is invalid. Valid save modes include \"append\", \"overwrite\", \"ignore\", \"error\","
                    + " \"errorifexists\", and \"default\".", "42000", null);
        };
    }
}
