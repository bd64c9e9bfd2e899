package dev.sluice.connectors.file;

import dev.sluice.sql.AnalysisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists the data files behind the paths of a batch read, as Spark's file index: a file path is read as
 * is; a directory is listed recursively, skipping names starting with {@code _} (unless they hold
 * {@code =}) or {@code .}; a path with glob characters ({@code * ? [ {}) is expanded first. A directory
 * holding a {@code _spark_metadata} file sink log is listed through the log ({@link FileSinkLog#allFiles}),
 * so only committed files are read. Partition values are discovered from the {@code col=value} directories
 * between a listed directory and its files, unless {@code recursiveFileLookup=true}. The option
 * {@code pathGlobFilter} keeps only files whose name matches a glob. Stateless.
 */
public final class FileListing {
    /** A data file and its partition values (column to raw value, null for the default partition). */
    public record SourceFile(Path path, Map<String, String> partitionValues) {
    }

    private FileListing() {
    }

    /**
     * The data files of {@code paths}, sorted by path within each input path.
     *
     * @throws AnalysisException ({@code PATH_NOT_FOUND}) naming a path that does not exist or matches nothing
     */
    public static List<SourceFile> list(List<String> paths, FormatOptions options) {
        boolean recursive = options.getBoolean("recursiveFileLookup", false);
        String filter = options.get("pathGlobFilter");
        PathMatcher nameFilter = filter == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + filter);
        Set<SourceFile> out = new LinkedHashSet<>();
        try {
            for (String text : paths) {
                for (Path root : expand(text)) {
                    if (Files.isDirectory(root)) {
                        listDirectory(root, recursive, nameFilter, out);
                    } else {
                        out.add(new SourceFile(root, Map.of()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(out);
    }

    /** A user path (plain or {@code file:} URI) as a local path. */
    public static Path toPath(String text) {
        return text.startsWith("file:") ? Paths.get(URI.create(text)) : Paths.get(text);
    }

    private static List<Path> expand(String text) throws IOException {
        Path path = toPath(text).toAbsolutePath().normalize();
        String pattern = path.toString();
        if (pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
            if (!Files.exists(path)) {
                throw notFound(text);
            }
            return List.of(path);
        }
        Path base = path.getRoot();
        int depth = 0;
        boolean inGlob = false;
        for (Path segment : path) {
            String s = segment.toString();
            inGlob |= s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
            if (inGlob) {
                depth++;
            } else {
                base = base.resolve(s);
            }
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("\\", "\\\\"));
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(base)) {
            int levels = depth;
            Path start = base;
            try (Stream<Path> walk = Files.walk(start, levels)) {
                walk.filter(p -> start.relativize(p).getNameCount() == levels && matcher.matches(p))
                        .filter(p -> !hidden(p.getFileName().toString())).sorted().forEach(matches::add);
            }
        }
        if (matches.isEmpty()) {
            throw notFound(text);
        }
        return matches;
    }

    private static AnalysisException notFound(String text) {
        String shown = text.startsWith("file:") ? text : "file:" + Paths.get(text).toAbsolutePath().normalize();
        return new AnalysisException("PATH_NOT_FOUND", "Path does not exist: " + shown + ".", "42K03");
    }

    /** Spark's rule for files and directories that are not data (metadata, temporary, hidden). */
    static boolean hidden(String name) {
        return (name.startsWith("_") && !name.contains("=")) || name.startsWith(".") || name.endsWith("._COPYING_");
    }

    private static void listDirectory(Path root, boolean recursive, PathMatcher nameFilter, Set<SourceFile> out)
            throws IOException {
        List<Path> files = new ArrayList<>();
        if (FileSinkLog.exists(root)) {
            for (FileSinkLog.Entry entry : new FileSinkLog(root).allFiles()) {
                files.add(entry.localPath());
            }
        } else {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> visible(root, p)).sorted(Comparator.naturalOrder())
                        .forEach(files::add);
            }
        }
        for (Path file : files) {
            if (nameFilter != null && !nameFilter.matches(file.getFileName())) {
                continue;
            }
            Path relativeDirectory = root.relativize(file).getParent();
            out.add(new SourceFile(file, recursive ? Map.of() : PartitionPaths.parse(relativeDirectory)));
        }
    }

    private static boolean visible(Path root, Path file) {
        for (Path segment : root.relativize(file)) {
            if (hidden(segment.toString())) {
                return false;
            }
        }
        return true;
    }
}
