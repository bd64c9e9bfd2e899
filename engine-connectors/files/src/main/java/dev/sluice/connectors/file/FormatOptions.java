package dev.sluice.connectors.file;

import dev.sluice.conf.OptionValues;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The options of one read or write of a file format: a case-insensitive string map (Spark's option
 * semantics) plus the session time zone and the {@link FileAccess} (Hadoop configuration) files are reached
 * through, with typed getters that name the option when a value is invalid. Immutable and thread-safe.
 */
public final class FormatOptions {
    /** Spark's default name of the column that receives malformed records. */
    public static final String DEFAULT_CORRUPT_RECORD_COLUMN = "_corrupt_record";

    private final Map<String, String> options;
    private final ZoneId sessionZone;
    private final FileAccess files;

    static final String IGNORE_CORRUPT_FILES = "ignoreCorruptFiles";
    static final String IGNORE_MISSING_FILES = "ignoreMissingFiles";

    private FormatOptions(Map<String, String> options, ZoneId sessionZone, FileAccess files) {
        this.options = options;
        this.sessionZone = sessionZone;
        this.files = files;
    }

    /** Options from a map (copied; keys become case-insensitive) and the session time zone; Hadoop defaults. */
    public static FormatOptions of(Map<String, String> options, ZoneId sessionZone) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(options);
        return new FormatOptions(Collections.unmodifiableMap(copy), Objects.requireNonNull(sessionZone, "sessionZone is null"),
                FileAccess.defaults());
    }

    /** Options of a read or write in {@code session}: its time zone and its {@code spark.hadoop.*} settings. */
    public static FormatOptions of(Map<String, String> options, dev.sluice.sql.SluiceSession session) {
        Map<String, String> withDefaults = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        // Spark's session-wide defaults of the per-read options ignoreCorruptFiles / ignoreMissingFiles
        withDefaults.put(IGNORE_CORRUPT_FILES, session.conf().get("spark.sql.files.ignoreCorruptFiles", "false"));
        withDefaults.put(IGNORE_MISSING_FILES, session.conf().get("spark.sql.files.ignoreMissingFiles", "false"));
        withDefaults.putAll(options);
        return of(withDefaults, session.conf().sessionTimeZone()).withFiles(FileAccess.of(session));
    }

    /** Skip files that cannot be read (damaged, wrong format) instead of failing: Spark's {@code ignoreCorruptFiles}. */
    public boolean ignoreCorruptFiles() {
        return getBoolean(IGNORE_CORRUPT_FILES, false);
    }

    /** Skip files deleted between listing and reading instead of failing: Spark's {@code ignoreMissingFiles}. */
    public boolean ignoreMissingFiles() {
        return getBoolean(IGNORE_MISSING_FILES, false);
    }

    /** These options reaching files through {@code files}. */
    public FormatOptions withFiles(FileAccess files) {
        return new FormatOptions(options, sessionZone, Objects.requireNonNull(files, "files is null"));
    }

    /** How files are reached (Hadoop FileSystem with the session's configuration). */
    public FileAccess files() {
        return files;
    }

    /** No options, UTC. */
    public static FormatOptions empty() {
        return of(Map.of(), java.time.ZoneOffset.UTC);
    }

    /** These options with {@code key} set to {@code value}. */
    public FormatOptions with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(options);
        copy.put(key, value);
        return new FormatOptions(Collections.unmodifiableMap(copy), sessionZone, files);
    }

    /** The unmodifiable, case-insensitive map. */
    public Map<String, String> asMap() {
        return options;
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return options.get(key);
    }

    public String get(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    /** The value of the first of {@code keys} that is set (aliases such as {@code sep}/{@code delimiter}). */
    public String getFirst(String defaultValue, String... keys) {
        for (String key : keys) {
            String value = options.get(key);
            if (value != null) {
                return value;
            }
        }
        return defaultValue;
    }

    /** The first of {@code keys} that is set, or {@code keys[0]}: the option a message about the value names. */
    public String keyOf(String... keys) {
        for (String key : keys) {
            if (options.containsKey(key)) {
                return key;
            }
        }
        return keys[0];
    }

    /** {@code true}/{@code false}, case-insensitive. */
    public boolean getBoolean(String key, boolean defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "true or false");
        };
    }

    public int getInt(String key, int defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    /**
     * A single character option such as {@code sep} or {@code quote}; the empty string means
     * {@code '\u0000'} (off), and {@code \t}, {@code \n}, {@code \\} and {@code \u0000}-style escapes are
     * understood as Spark does.
     */
    public char getChar(String defaultValue, String... keys) {
        String value = getFirst(defaultValue, keys);
        if (value.isEmpty()) {
            return '\u0000';
        }
        if (value.length() == 1) {
            return value.charAt(0);
        }
        switch (value) {
            case "\\t":
                return '\t';
            case "\\n":
                return '\n';
            case "\\r":
                return '\r';
            case "\\\\":
                return '\\';
            case "\\\"":
                return '"';
            case "\\'":
                return '\'';
            case "\\u0000":
                return '\u0000';
            default:
                throw invalid(keys[0], value, "a single character");
        }
    }

    /** {@code timeZone} if set, otherwise the session time zone. */
    public ZoneId zone() {
        String zone = options.get("timeZone");
        if (zone == null) {
            return sessionZone;
        }
        return OptionValues.zone("timeZone", zone);
    }

    /** The {@code mode} option (PERMISSIVE by default). */
    public ParseMode parseMode() {
        return ParseMode.fromOption(options.get("mode"));
    }

    /** The {@code columnNameOfCorruptRecord} option. */
    public String corruptRecordColumn() {
        return get("columnNameOfCorruptRecord", DEFAULT_CORRUPT_RECORD_COLUMN);
    }

    /** The {@code encoding} (alias {@code charset}) option, UTF-8 by default. */
    public Charset charset() {
        String name = getFirst(null, "encoding", "charset");
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) { // IllegalCharsetNameException, UnsupportedCharsetException
            throw invalid(options.containsKey("encoding") ? "encoding" : "charset", name, "a supported charset name");
        }
    }

    /** {@code SLUICE_INVALID_OPTION_VALUE} naming the option and its value (an IllegalArgumentException). */
    static IllegalArgumentException invalid(String key, String value, String expected) {
        return OptionValues.invalid(key, value, "expected " + expected);
    }

    @Override
    public String toString() {
        return "FormatOptions" + options + " zone " + sessionZone;
    }
}
