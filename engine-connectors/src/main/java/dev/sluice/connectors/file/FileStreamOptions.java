package dev.sluice.connectors.file;

import dev.sluice.spi.Options;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the streaming file source, parsed and checked when the query is defined: {@code path}
 * (required, may hold globs), {@code maxFilesPerTrigger}, {@code latestFirst}, {@code maxFileAge} (Spark's
 * time string, default {@code 7d}; ignored when {@code latestFirst} and {@code maxFilesPerTrigger} are both
 * set, as Spark), {@code fileNameOnly}, {@code cleanSource} ({@code off}, {@code archive}, {@code delete}) and
 * {@code sourceArchiveDir}. Immutable.
 */
final class FileStreamOptions {
    enum CleanSource { OFF, ARCHIVE, DELETE }

    final String path;
    /** The non-glob part of {@link #path}: where relative paths of archived files start. */
    final Path root;
    final Integer maxFilesPerTrigger;
    final boolean latestFirst;
    /** Spark's {@code fileNameOnly}: a file is new when its name (not its full path) has not been seen. */
    final boolean fileNameOnly;
    final long maxFileAgeMs;
    final CleanSource cleanSource;
    final Path archiveDir;

    FileStreamOptions(Map<String, String> options) {
        path = Options.get(options, "path", null);
        if (path == null) {
            throw new IllegalArgumentException("'path' is not specified");
        }
        root = nonGlobBase(FileListing.toPath(path).toAbsolutePath().normalize());
        String max = Options.get(options, "maxFilesPerTrigger", null);
        if (max != null) {
            int n;
            try {
                n = Integer.parseInt(max.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n <= 0) {
                throw new IllegalArgumentException("Invalid value '" + max + "' for option 'maxFilesPerTrigger', must be"
                        + " a positive integer");
            }
            maxFilesPerTrigger = n;
        } else {
            maxFilesPerTrigger = null;
        }
        latestFirst = bool(options, "latestFirst");
        fileNameOnly = bool(options, "fileNameOnly");
        long age = timeStringAsMs(Options.get(options, "maxFileAge", "7d"));
        maxFileAgeMs = latestFirst && maxFilesPerTrigger != null ? Long.MAX_VALUE : age;
        String clean = Options.get(options, "cleanSource", "off").trim().toUpperCase(Locale.ROOT);
        try {
            cleanSource = CleanSource.valueOf(clean);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid mode for clean source option " + clean.toLowerCase(Locale.ROOT)
                    + ". Must be one of ARCHIVE, DELETE, OFF");
        }
        String archive = Options.get(options, "sourceArchiveDir", null);
        if (cleanSource == CleanSource.ARCHIVE) {
            if (archive == null) {
                throw new IllegalArgumentException("Archive directory to store completed files should be provided via"
                        + " 'sourceArchiveDir' option.");
            }
            archiveDir = FileListing.toPath(archive).toAbsolutePath().normalize();
            if (archiveDir.startsWith(root) || root.startsWith(archiveDir)) {
                throw new IllegalArgumentException("Source archive directory " + archiveDir + " overlaps with the source"
                        + " path " + path + ": the archive must not be inside the source path (archived files would be"
                        + " read again)");
            }
        } else {
            archiveDir = null;
        }
    }

    private static boolean bool(Map<String, String> options, String key) {
        String v = Options.get(options, key, "false").trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " should be a boolean, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    static boolean isGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static Path nonGlobBase(Path path) {
        Path base = path.getRoot();
        for (Path segment : path) {
            if (isGlob(segment.toString())) {
                break;
            }
            base = base.resolve(segment.toString());
        }
        return base;
    }

    /** Spark's {@code Utils.timeStringAsMs}: a number with an optional unit (ms, s, m/min, h, d); plain = ms. */
    static long timeStringAsMs(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
            i++;
        }
        if (i == 0) {
            throw new NumberFormatException("Invalid time string: " + text);
        }
        long n = Long.parseLong(s.substring(0, i));
        String unit = s.substring(i).trim();
        long factor = switch (unit) {
            case "", "ms" -> 1L;
            case "us" -> 0L;
            case "s" -> 1_000L;
            case "m", "min" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> throw new NumberFormatException("Invalid time suffix in '" + text + "'");
        };
        return factor == 0 ? n / 1000 : n * factor;
    }
}
