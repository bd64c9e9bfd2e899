package dev.sluice.connectors.file;

import dev.sluice.conf.OptionValues;
import dev.sluice.spi.Options;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * The options of the streaming file source, parsed and checked when the query is defined: {@code path}
 * (required, may hold globs), {@code maxFilesPerTrigger}, {@code latestFirst}, {@code maxFileAge} (Spark's
 * time string, default {@code 7d}; ignored when {@code latestFirst} and {@code maxFilesPerTrigger} are both
 * set, as Spark), {@code fileNameOnly}, {@code cleanSource} ({@code off}, {@code archive}, {@code delete}) and
 * {@code sourceArchiveDir}. {@code modifiedBefore}/{@code modifiedAfter} are rejected, as Spark. Paths are
 * qualified Hadoop paths. Immutable.
 */
final class FileStreamOptions {
    enum CleanSource { OFF, ARCHIVE, DELETE }

    final String path;
    /** The non-glob part of {@link #path}: where relative paths of archived files start. */
    final Path root;
    /** Where partition directories start: the {@code basePath} option, else {@link #root}. */
    final Path partitionRoot;
    final Integer maxFilesPerTrigger;
    final boolean latestFirst;
    /** Spark's {@code fileNameOnly}: a file is new when its name (not its full path) has not been seen. */
    final boolean fileNameOnly;
    final long maxFileAgeMs;
    final CleanSource cleanSource;
    final Path archiveDir;

    FileStreamOptions(Map<String, String> options, FileAccess files) {
        for (String disallowed : new String[] {"modifiedbefore", "modifiedafter"}) {
            if (Options.get(options, disallowed, null) != null) {
                throw OptionValues.refused(disallowed, "option '" + disallowed + "' is not allowed in file stream"
                        + " sources", null);
            }
        }
        path = Options.get(options, "path", null);
        if (path == null) {
            throw OptionValues.pathNotSpecified();
        }
        root = nonGlobBase(qualify(files, "path", path));
        String basePath = Options.get(options, "basePath", null);
        partitionRoot = basePath == null ? root : qualify(files, "basePath", basePath);
        String max = Options.get(options, "maxFilesPerTrigger", null);
        if (max != null) {
            int n;
            try {
                n = Integer.parseInt(max.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n <= 0) {
                throw OptionValues.refused("maxFilesPerTrigger", "Invalid value " + OptionValues.quoted(
                        "maxFilesPerTrigger", max) + " for option 'maxFilesPerTrigger', must be a positive integer",
                        null);
            }
            maxFilesPerTrigger = n;
        } else {
            maxFilesPerTrigger = null;
        }
        latestFirst = bool(options, "latestFirst");
        fileNameOnly = bool(options, "fileNameOnly");
        long age = timeOption(options, "maxFileAge", "7d");
        maxFileAgeMs = latestFirst && maxFilesPerTrigger != null ? Long.MAX_VALUE : age;
        String clean = Options.get(options, "cleanSource", "off").trim().toUpperCase(Locale.ROOT);
        try {
            cleanSource = CleanSource.valueOf(clean);
        } catch (IllegalArgumentException e) {
            throw OptionValues.refused("cleanSource", "Invalid mode for clean source option "
                    + OptionValues.shown("cleanSource", clean.toLowerCase(Locale.ROOT))
                    + ". Must be one of ARCHIVE, DELETE, OFF (option 'cleanSource')", null);
        }
        String archive = Options.get(options, "sourceArchiveDir", null);
        if (cleanSource == CleanSource.ARCHIVE) {
            if (archive == null) {
                throw OptionValues.missing("Archive directory to store completed files should be provided via"
                        + " 'sourceArchiveDir' option.");
            }
            archiveDir = qualify(files, "sourceArchiveDir", archive);
            if (FileListing.relativeSegments(root, archiveDir) != null
                    || FileListing.relativeSegments(archiveDir, root) != null) {
                throw OptionValues.conflict("Source archive directory " + archiveDir + " (option"
                        + " 'sourceArchiveDir') overlaps with the source path " + path + ": the archive must not be"
                        + " inside the source path (archived files would be read again)");
            }
        } else {
            archiveDir = null;
        }
    }

    private static boolean bool(Map<String, String> options, String key) {
        String v = Options.get(options, key, "false").trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw OptionValues.refused(key, key + " should be a boolean, got " + OptionValues.quoted(key, v), null);
        }
        return Boolean.parseBoolean(v);
    }

    static boolean isGlob(String s) {
        return FileListing.isGlob(s);
    }

    /** The deepest ancestor of {@code path} (or itself) without glob characters. */
    private static Path nonGlobBase(Path path) {
        Path base = path;
        for (Path p = path; p != null; p = p.getParent()) {
            if (isGlob(p.getName())) {
                base = p.getParent();
            }
        }
        return base;
    }

    /**
     * A path option qualified as a Hadoop path; one Hadoop cannot parse (empty, bad URI) is a
     * {@code SLUICE_INVALID_OPTION_VALUE} naming the option.
     */
    static Path qualify(FileAccess files, String option, String value) {
        return files.qualify(option, value);
    }

    /** A time option ({@link #timeStringAsMs}); a bad one is a {@code SLUICE_INVALID_OPTION_VALUE} naming it. */
    static long timeOption(Map<String, String> options, String key, String defaultValue) {
        String text = Options.get(options, key, defaultValue);
        try {
            return timeStringAsMs(text);
        } catch (NumberFormatException e) {
            throw OptionValues.invalid(key, text, "expected a time such as 10s, 5m, 7d (" + e.getMessage() + ")");
        }
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
        long n = Long.parseLong(s.substring(0, i)); // NumberFormatException for "1-2" or too many digits
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
        try {
            return factor == 0 ? n / 1000 : Math.multiplyExact(n, factor);
        } catch (ArithmeticException e) {
            throw new NumberFormatException("Time out of range: " + text);
        }
    }
}
