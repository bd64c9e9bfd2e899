package dev.sluice.conf;

import java.util.Objects;

/**
 * One setting Sluice reads: its key (Spark's name where the meaning is the same), its type, its default as the
 * documentation states it, what it does, and the Sluice version that introduced it. Declared once, in
 * {@link ConfigEntries}; docs/CONFIGURATION.md's table of keys is generated from these declarations. Immutable.
 *
 * @param key the setting's name; a key ending in {@code <key>} names a family ({@code spark.hadoop.<key>})
 * @param type how the value is read ({@code boolean}, {@code int}, {@code long}, {@code string}, {@code duration},
 *     {@code bytes}, {@code zone}, {@code class})
 * @param defaultText the default as a reader sees it (a literal value, or a description such as "JVM default zone")
 * @param doc what the setting does (Markdown, one paragraph)
 * @param since the Sluice version that first read it
 */
public record ConfigEntry(String key, String type, String defaultText, String doc, String since) {
    public ConfigEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(since, "since");
    }

    /** Whether this entry names a family of keys ({@code spark.hadoop.<key>}) that {@code candidate} belongs to. */
    public boolean matches(String candidate) {
        int family = key.indexOf('<');
        return family < 0 ? key.equals(candidate) : candidate.startsWith(key.substring(0, family));
    }
}
