package dev.sluice.connectors.file;

import dev.sluice.sql.AnalysisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Lists the data files behind the paths of a read, as Spark's file index, through Hadoop's FileSystem API
 * ({@link FileAccess}): a file path is read as is; a directory is listed recursively, skipping names starting
 * with {@code _} (unless they hold {@code =}) or {@code .}; a path with glob characters (<code>* ? [ &#123;</code>) is
 * expanded with {@code FileSystem.globStatus} first. A directory holding a {@code _spark_metadata} file sink
 * log is listed through the log ({@link FileSinkLog#allFiles}), so only committed files are read.
 *
 * <p>Partition values are discovered from the {@code col=value} directories between a listed directory (or
 * the {@code basePath} option, which every path must be under) and its files, unless
 * {@code recursiveFileLookup=true}. Filters: {@code pathGlobFilter} keeps files whose name matches a glob;
 * {@code modifiedBefore}/{@code modifiedAfter} (batch reads only) keep files modified strictly before/after a
 * timestamp read in the {@code timeZone} option or the session zone. Stateless.
 */
public final class FileListing {
    /** A data file: its qualified path, size, modification time (ms) and partition values (raw; null = default). */
    public record SourceFile(Path path, long length, long modificationTime, Map<String, String> partitionValues) {
        // equals/hashCode written out, with the record's meaning (every component), because the listing puts
        // files in a set on every query start: a record's generated methods bootstrap java.lang.runtime.ObjectMethods
        // the first time they run, which spins about 40 method-handle classes in a fresh JVM.
        @Override
        public boolean equals(Object other) {
            return other instanceof SourceFile f && length == f.length && modificationTime == f.modificationTime
                    && Objects.equals(path, f.path) && Objects.equals(partitionValues, f.partitionValues);
        }

        @Override
        public int hashCode() {
            return ((Objects.hashCode(path) * 31 + Long.hashCode(length)) * 31 + Long.hashCode(modificationTime)) * 31
                    + Objects.hashCode(partitionValues);
        }
    }

    private FileListing() {
    }

    /**
     * The data files of {@code paths}, sorted by path within each input path.
     *
     * @throws AnalysisException ({@code PATH_NOT_FOUND}) naming a path that does not exist or matches nothing
     */
    public static List<SourceFile> list(List<String> paths, FormatOptions options) {
        return list(paths, options, null);
    }

    /**
     * {@link #list(List, FormatOptions)} leaving out the files inside listed directories whose qualified URI text
     * ({@code path.toUri().toString()}) {@code known} accepts, without reading their status (a streaming source's already seen files: the status call per file is
     * most of a listing's cost). A known name is taken to still be a file, not descended into. Null: none known.
     */
    public static List<SourceFile> list(List<String> paths, FormatOptions options,
            java.util.function.Predicate<String> known) {
        return list(paths, options, known, null);
    }

    /**
     * What a listing went through, for {@link ListingHint}: how many folders it listed and whether a file sink log
     * served one (its files change inside {@code _spark_metadata}, not in the folder). Filled by the listing.
     */
    static final class Shape {
        int folders;
        boolean sinkLog;
    }

    /** {@link #list(List, FormatOptions, java.util.function.Predicate)}, recording its {@link Shape} when not null. */
    static List<SourceFile> list(List<String> paths, FormatOptions options,
            java.util.function.Predicate<String> known, Shape shape) {
        FileAccess files = options.files();
        boolean recursive = options.getBoolean("recursiveFileLookup", false);
        String filter = options.get("pathGlobFilter");
        PathMatcher nameFilter;
        try {
            nameFilter = filter == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + filter);
        } catch (IllegalArgumentException e) { // PatternSyntaxException
            throw dev.sluice.conf.OptionValues.invalid("pathGlobFilter", filter, "not a glob pattern ("
                    + e.getMessage() + ")");
        }
        ModifiedFilter modified = ModifiedFilter.of(options);
        String basePathOption = options.get("basePath");
        Path basePath = basePathOption == null ? null : FileStreamOptions.qualify(files, "basePath", basePathOption);
        Set<SourceFile> out = new LinkedHashSet<>();
        try {
            if (basePath != null && !files.isDirectory(basePath)) {
                throw dev.sluice.conf.OptionValues.refused("basePath", "Option 'basePath' must be a directory: "
                        + basePath, null);
            }
            for (String text : paths) {
                for (FileStatus root : expand(files, text)) {
                    if (basePath != null && relativeSegments(basePath, root.getPath()) == null) {
                        throw dev.sluice.conf.OptionValues.refused("basePath", "Wrong basePath " + basePath
                                + " for the root path: " + root.getPath() + " (option 'basePath')", null);
                    }
                    List<SourceFile> found = new ArrayList<>();
                    if (root.isDirectory()) {
                        listDirectory(files, root.getPath(), basePath == null ? root.getPath() : basePath, found,
                                known, shape);
                    } else {
                        Path base = basePath == null ? root.getPath().getParent() : basePath;
                        found.add(file(root.getPath(), root.getLen(), root.getModificationTime(), base));
                    }
                    for (SourceFile f : found) {
                        if ((nameFilter == null || nameFilter.matches(java.nio.file.Path.of(f.path().getName())))
                                && modified.accept(f.modificationTime())) {
                            out.add(recursive ? new SourceFile(f.path(), f.length(), f.modificationTime(), Map.of()) : f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(out);
    }

    private static SourceFile file(Path path, long length, long modificationTime, Path base) {
        return new SourceFile(path, length, modificationTime, partitionValues(base, path.getParent()));
    }

    /** The partition values of the files directly in {@code directory}, from its names below {@code base}. */
    private static Map<String, String> partitionValues(Path base, Path directory) {
        List<String> segments = relativeSegments(base, directory);
        return PartitionPaths.parse(segments == null ? List.of() : segments);
    }

    /** The directory names from {@code base} down to {@code directory}, or null when it is not under {@code base}. */
    static List<String> relativeSegments(Path base, Path directory) {
        List<String> segments = new ArrayList<>();
        for (Path p = directory; p != null; p = p.getParent()) {
            if (p.equals(base)) {
                java.util.Collections.reverse(segments);
                return segments;
            }
            segments.add(p.getName());
        }
        return null;
    }

    /** Whether {@code text} holds glob characters. */
    static boolean isGlob(String text) {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<FileStatus> expand(FileAccess files, String text) throws IOException {
        Path path = files.qualify(text);
        if (!isGlob(text)) {
            FileStatus status = files.statusOrNull(path);
            if (status == null) {
                throw notFound(path);
            }
            return List.of(status);
        }
        FileStatus[] matches;
        try {
            matches = files.fileSystem(path).globStatus(path);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Illegal file pattern")) { // Hadoop's GlobPattern error
                throw dev.sluice.conf.OptionValues.refused("path", "Invalid value "
                        + dev.sluice.conf.OptionValues.quoted("path", text) + " for option 'path': "
                        + dev.sluice.conf.OptionValues.scrub(e.getMessage(), text), null);
            }
            throw e;
        }
        List<FileStatus> out = new ArrayList<>();
        if (matches != null) {
            for (FileStatus m : matches) {
                if (!hidden(m.getPath().getName())) {
                    out.add(m);
                }
            }
        }
        if (out.isEmpty()) {
            throw notFound(path);
        }
        out.sort(Comparator.comparing(FileStatus::getPath));
        return out;
    }

    private static AnalysisException notFound(Path path) {
        return new AnalysisException("PATH_NOT_FOUND", "Path does not exist: " + path + ".", "42K03");
    }

    /** Spark's rule for files and directories that are not data (metadata, temporary, hidden). */
    static boolean hidden(String name) {
        return (name.startsWith("_") && !name.contains("=")) || name.startsWith(".") || name.endsWith("._COPYING_");
    }

    private static void listDirectory(FileAccess files, Path root, Path base, List<SourceFile> out,
            java.util.function.Predicate<String> known, Shape shape) throws IOException {
        if (FileSinkLog.exists(files, root)) {
            if (shape != null) {
                shape.sinkLog = true;
            }
            for (FileSinkLog.Entry entry : new FileSinkLog(files, root).allFiles()) {
                out.add(file(entry.hadoopPath(), entry.size(), entry.modificationTime(), base));
            }
            return;
        }
        List<Found> found = new ArrayList<>();
        walk(files, root, found, known, shape);
        found.sort(Comparator.comparing(f -> f.status().getPath()));
        // a streaming source lists its folder on every trigger: partition values are worked out once per folder
        Map<Path, Map<String, String>> partitions = new java.util.HashMap<>();
        for (Found f : found) {
            FileStatus status = f.status();
            out.add(new SourceFile(status.getPath(), status.getLen(), status.getModificationTime(),
                    partitions.computeIfAbsent(f.directory(), d -> partitionValues(base, d))));
        }
    }

    /** A file found by {@link #walk} and the folder it is in. */
    private record Found(Path directory, FileStatus status) {
    }

    /** Every visible file below {@code directory}; hidden directories are not descended into. */
    private static void walk(FileAccess files, Path directory, List<Found> out, java.util.function.Predicate<String> known,
            Shape shape) throws IOException {
        if (shape != null) {
            shape.folders++;
        }
        FileStatus[] children = known == null ? files.list(directory) : files.list(directory, known);
        Arrays.sort(children);
        for (FileStatus child : children) {
            if (hidden(child.getPath().getName())) {
                continue;
            }
            if (child.isDirectory()) {
                walk(files, child.getPath(), out, known, shape);
            } else {
                out.add(new Found(directory, child));
            }
        }
    }

    /** The {@code modifiedBefore}/{@code modifiedAfter} filters of a batch read (Spark's semantics). */
    private record ModifiedFilter(long beforeMicros, long afterMicros, ZoneId zone) {
        /** Accepts every file (no threshold): what a streaming source's listing uses on every trigger. */
        private static final ModifiedFilter NONE = new ModifiedFilter(Long.MAX_VALUE, Long.MIN_VALUE, null);

        static ModifiedFilter of(FormatOptions options) {
            if (options.get("modifiedBefore") == null && options.get("modifiedAfter") == null) {
                return NONE; // no formats to build
            }
            // Spark reads the thresholds with its default (lenient ISO) timestamp parsing, in the read's zone.
            TemporalFormats temporal = TemporalFormats.of(FormatOptions.of(Map.of(), options.zone()));
            return new ModifiedFilter(threshold(options, "modifiedBefore", temporal, Long.MAX_VALUE),
                    threshold(options, "modifiedAfter", temporal, Long.MIN_VALUE), options.zone());
        }

        private static long threshold(FormatOptions options, String key, TemporalFormats temporal, long absent) {
            String value = options.get(key);
            if (value == null) {
                return absent;
            }
            long micros = temporal.parseTimestamp(value.trim());
            if (micros == TemporalFormats.INVALID_TIMESTAMP) {
                throw new AnalysisException("_LEGACY_ERROR_TEMP_1294", "The timestamp provided for the '"
                        + key.toLowerCase(java.util.Locale.ROOT) + "' option is invalid. The expected format is"
                        + " 'YYYY-MM-DDTHH:mm:ss', but the provided timestamp was (" + value + ")", null);
            }
            return micros;
        }

        /** Spark compares the threshold with the modification time shifted into the zone's wall clock. */
        boolean accept(long modificationTimeMs) {
            if (beforeMicros == Long.MAX_VALUE && afterMicros == Long.MIN_VALUE) {
                return true;
            }
            long offsetSeconds = zone.getRules().getOffset(java.time.Instant.ofEpochMilli(modificationTimeMs))
                    .getTotalSeconds();
            long local = modificationTimeMs * 1000 + offsetSeconds * 1_000_000;
            return (beforeMicros == Long.MAX_VALUE || beforeMicros > local)
                    && (afterMicros == Long.MIN_VALUE || local > afterMicros);
        }
    }
}
