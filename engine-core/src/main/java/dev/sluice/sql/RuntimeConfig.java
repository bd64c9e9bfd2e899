package dev.sluice.sql;

import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session configuration, read with Spark's key names where the meaning is the same. Thread-safe. The keys
 * Sluice reads (all documented in docs/CONFIGURATION.md):
 * <ul>
 *   <li>{@code spark.sql.session.timeZone} (default: the JVM's zone) — display and parsing of timestamps;</li>
 *   <li>{@code spark.sql.ansi.enabled} (default true) — ANSI casts and arithmetic errors;</li>
 *   <li>{@code spark.sql.shuffle.partitions} (default 200) — number of state partitions of stateful operators;</li>
 *   <li>{@code spark.sql.streaming.schemaInference} (default false) — infer schemas of file streams;</li>
 *   <li>{@code spark.streaming.stopGracefullyOnShutdown} (default false) — stop queries after the current batch
 *   on JVM shutdown;</li>
 *   <li>{@code spark.sql.caseSensitive} (default false; only false is supported) — name resolution;</li>
 *   <li>{@code spark.sql.streaming.checkpoint.fsync} (default true; Sluice's own) — fsync of the checkpoint's
 *   {@code metadata}, {@code offsets/} and {@code commits/} files.</li>
 * </ul>
 * Every key any module reads is declared in {@link dev.sluice.conf.ConfigEntries} (docs/CONFIGURATION.md is generated
 * from it). Unknown keys are stored and returned unchanged, so user code can use the config as a key-value bag; an
 * unknown {@code spark.sluice.*} key (Sluice's own namespace, so most likely a typo) is logged once at WARN.
 */
public final class RuntimeConfig {
    public static final String SESSION_TIME_ZONE = "spark.sql.session.timeZone";
    public static final String ANSI_ENABLED = "spark.sql.ansi.enabled";
    public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    public static final String STREAMING_SCHEMA_INFERENCE = "spark.sql.streaming.schemaInference";
    public static final String STOP_GRACEFULLY_ON_SHUTDOWN = "spark.streaming.stopGracefullyOnShutdown";
    public static final String CASE_SENSITIVE = "spark.sql.caseSensitive";
    /** Sluice extension: whether checkpoint log files are fsynced (see {@link #checkpointFsync()}). */
    public static final String CHECKPOINT_FSYNC = "spark.sql.streaming.checkpoint.fsync";
    /** Batches slower than this many milliseconds are logged at WARN (0: never); read by the query log. */
    public static final String SLOW_BATCH_THRESHOLD = "spark.sql.streaming.log.slowBatchThresholdMs";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuntimeConfig.class);
    /** Unknown spark.sluice.* keys already warned about (once per JVM each). */
    private static final java.util.Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Map<String, String> values = new ConcurrentHashMap<>();

    RuntimeConfig(Map<String, String> initial) {
        initial.keySet().forEach(RuntimeConfig::warnIfUnknown);
        initial.forEach((key, value) -> values.put(key, checkValue(key, value)));
    }

    /** Logs once per key, at WARN, a {@code spark.sluice.*} key no module declares; true when it did now. */
    static boolean warnIfUnknown(String key) {
        if (key.startsWith("spark.sluice.") && dev.sluice.conf.ConfigEntries.find(key) == null && WARNED.add(key)) {
            LOG.warn("Unknown setting {}: no Sluice module reads it (the keys are listed in docs/CONFIGURATION.md)",
                    key);
            return true;
        }
        return false;
    }

    /**
     * Sets {@code key}. A value of a declared setting ({@link dev.sluice.conf.ConfigEntries}) is checked against its
     * type first, as Spark's {@code SQLConf} does: a {@link dev.sluice.SluiceIllegalArgumentException}
     * {@code INVALID_CONF_VALUE.TYPE_MISMATCH} (or {@code .TIME_ZONE}, {@code .REQUIREMENT}) names the setting and
     * the value; unknown keys are stored unchecked.
     */
    public void set(String key, String value) {
        warnIfUnknown(key);
        if (value == null) {
            throw new dev.sluice.SluiceIllegalArgumentException("INVALID_CONF_VALUE.REQUIREMENT", "The value 'null'"
                    + " in the config \"" + key + "\" is invalid. A setting cannot be null; use unset.", "22022");
        }
        values.put(key, checkValue(key, value));
    }

    /** Integer settings Spark (or Sluice) requires to be positive. */
    private static final java.util.Set<String> POSITIVE = java.util.Set.of(SHUFFLE_PARTITIONS,
            "spark.sql.streaming.minBatchesToRetain", "spark.sql.streaming.fileSink.log.compactInterval",
            "spark.sql.streaming.fileSource.log.compactInterval",
            "spark.sluice.state.keyGroups", "spark.sluice.state.routingVersion",
            "spark.sql.streaming.stateStore.minDeltasForSnapshot",
            "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB",
            "spark.sql.streaming.stateStore.rocksdb.writeBufferSizeMB");

    /** {@code value} checked against the declared type of {@code key}; numbers, booleans and zones trimmed. */
    private static String checkValue(String key, String value) {
        dev.sluice.conf.ConfigEntry entry = dev.sluice.conf.ConfigEntries.find(key);
        String type = entry == null ? "string" : entry.type();
        String trimmed = value.trim();
        try {
            switch (type) {
                case "int" -> Integer.parseInt(trimmed);
                case "long" -> Long.parseLong(trimmed);
                case "boolean" -> {
                    if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
                        throw new NumberFormatException(value);
                    }
                }
                case "zone" -> dev.sluice.conf.OptionValues.parseZone(trimmed);
                default -> {
                    // strings, sizes and classes are read (and refused) by their users
                }
            }
        } catch (NumberFormatException e) {
            throw confError("TYPE_MISMATCH", key, value, "It should be a/an '" + type + "' value.");
        } catch (java.time.DateTimeException e) {
            throw confError("TIME_ZONE", key, value, "Cannot resolve the given timezone.");
        }
        if (POSITIVE.contains(key) && Integer.parseInt(trimmed) <= 0) {
            throw confError("REQUIREMENT", key, value, "The value of " + key + " must be positive");
        }
        if (key.equals(CASE_SENSITIVE) && Boolean.parseBoolean(trimmed)) {
            throw confError("REQUIREMENT", key, value, "spark.sql.caseSensitive=true is not supported by Sluice.");
        }
        return type.equals("int") || type.equals("long") || type.equals("boolean") || type.equals("zone") ? trimmed
                : value;
    }

    /** Spark's {@code INVALID_CONF_VALUE.<sub>}: "The value '…' in the config "…" is invalid. <detail>". */
    private static dev.sluice.SluiceIllegalArgumentException confError(String sub, String key, String value,
            String detail) {
        return new dev.sluice.SluiceIllegalArgumentException("INVALID_CONF_VALUE." + sub, "The value '"
                + dev.sluice.conf.OptionValues.shown(key, value) + "' in the config \"" + key + "\" is invalid. "
                + detail, "22022");
    }

    public void set(String key, long value) {
        set(key, Long.toString(value));
    }

    public void set(String key, boolean value) {
        set(key, Boolean.toString(value));
    }

    /** The value; {@link java.util.NoSuchElementException} naming the key when unset and without default. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            String d = defaultValue(key);
            if (d == null) {
                throw new java.util.NoSuchElementException(key);
            }
            return d;
        }
        return v;
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public Optional<String> getOption(String key) {
        return Optional.ofNullable(values.getOrDefault(key, defaultValue(key)));
    }

    public void unset(String key) {
        values.remove(key);
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** Every explicitly set value. */
    public Map<String, String> getAll() {
        return Collections.unmodifiableMap(new TreeMap<>(values));
    }

    private static String defaultValue(String key) {
        return switch (key) {
            case SESSION_TIME_ZONE -> ZoneId.systemDefault().getId();
            case ANSI_ENABLED -> "true";
            case SHUFFLE_PARTITIONS -> "200";
            case CHECKPOINT_FSYNC -> "true";
            case STREAMING_SCHEMA_INFERENCE, STOP_GRACEFULLY_ON_SHUTDOWN, CASE_SENSITIVE -> "false";
            default -> null;
        };
    }

    public ZoneId sessionTimeZone() {
        return dev.sluice.conf.OptionValues.parseZone(get(SESSION_TIME_ZONE).trim());
    }

    public boolean ansiEnabled() {
        return Boolean.parseBoolean(get(ANSI_ENABLED).trim());
    }

    public int shufflePartitions() {
        return Integer.parseInt(get(SHUFFLE_PARTITIONS).trim());
    }

    /**
     * {@code spark.sql.streaming.checkpoint.fsync}: true (default) makes every checkpoint log file durable
     * before the engine goes on (it survives a power loss); false leaves flushing to the operating system as
     * Spark does (it survives a process crash, not a power loss or kernel crash).
     */
    public boolean checkpointFsync() {
        return parseBoolean(CHECKPOINT_FSYNC, get(CHECKPOINT_FSYNC));
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw confError("TYPE_MISMATCH", key, value, "It should be a/an 'boolean' value.");
    }
}
