package dev.sluice.checkpoint;

import dev.sluice.spi.CheckpointFileSystem;
import dev.sluice.spi.CheckpointFileSystemProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where a query's checkpoint lives: the one place that turns a {@code checkpointLocation} (option or
 * {@code spark.sql.streaming.checkpointLocation} plus the query name) into a folder, used by the engine, by the
 * sinks that read the query id from it and by the connectors' own checkpoint files, so all agree.
 *
 * <p>A plain path (relative ones against the working directory) and a {@code file:} URI ({@code file:/cp},
 * {@code file:///cp}, {@code file://localhost/cp}) name a local folder, accessed through {@code java.nio}'s default
 * file system: no Hadoop class is loaded for a local checkpoint. Any other scheme ({@code hdfs:}, {@code s3a:}, a
 * scheme registered with {@code spark.hadoop.fs.<scheme>.impl}) is opened by a {@link CheckpointFileSystemProvider}
 * found with {@link ServiceLoader} (the {@code checkpoint-hadoop} artifact), as is a plain path when the session's
 * {@code spark.hadoop.fs.defaultFS} names another file system (Spark qualifies checkpoint paths with it too). The
 * result is a {@link Path} of a {@link CheckpointFileSystem}, so every checkpoint file goes through
 * {@link java.nio.file.Files} either way. A location nobody serves is refused with
 * {@code SLUICE_CHECKPOINT.UNSUPPORTED_LOCATION} when the query starts (see docs/OPERATIONS.md, "Checkpoint
 * locations").
 *
 * <p>Thread-safe. Remote file systems are kept for the life of the process, one per scheme, authority and
 * {@code spark.hadoop.*} settings.
 */
public final class CheckpointLocation {
    /** A URI scheme: two characters at least, so a Windows drive ({@code C:}) is a plain path. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]+):.*", Pattern.DOTALL);
    private static final String HADOOP_PREFIX = "spark.hadoop.";
    /** Opened remote file systems by (scheme://authority, spark.hadoop.* settings). */
    private static final Map<List<Object>, CheckpointFileSystem> OPENED = new ConcurrentHashMap<>();
    /** The latest file system opened per scheme://authority, for paths handed over as strings (connectors). */
    private static final Map<String, CheckpointFileSystem> LATEST = new ConcurrentHashMap<>();

    private CheckpointLocation() {
    }

    /**
     * The absolute folder of {@code location}, with no session settings: a remote location reuses the file system
     * its query opened ({@link #resolve(String, Map)}), so connectors can turn the path strings the engine hands
     * them back into the same {@link Path}s.
     *
     * @throws CheckpointException ({@code UNSUPPORTED_LOCATION}) naming the location when nothing serves it
     */
    public static Path resolve(String location) {
        return resolve(location, (Map<String, String>) null);
    }

    /**
     * The absolute folder of {@code location} for a session with settings {@code sessionSettings} (its
     * {@code spark.hadoop.*} entries configure a remote file system; null: none, or the one already opened).
     *
     * @throws CheckpointException ({@code UNSUPPORTED_LOCATION}) naming the location when it is a {@code file:} URI
     *         of another host or not a valid path, or when no provider serves its scheme or the storage cannot be
     *         opened
     */
    public static Path resolve(String location, Map<String, String> sessionSettings) {
        var m = SCHEME.matcher(location);
        if (!m.matches()) {
            String defaultFs = sessionSettings == null ? null : sessionSettings.get(HADOOP_PREFIX + "fs.defaultFS");
            if (defaultFs != null && !defaultFs.trim().startsWith("file:") && location.startsWith("/")) {
                return remote(location, URI.create(defaultFs.trim()).resolve(location).toString(), sessionSettings);
            }
            try {
                return Paths.get(location).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw unsupported(location, "it is not a valid path (" + e.getMessage() + ")", e);
            }
        }
        String scheme = m.group(1);
        if (!scheme.equalsIgnoreCase("file")) {
            return remote(location, location, sessionSettings);
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw unsupported(location, "it is not a valid file: URI (" + e.getMessage() + ")", e);
        }
        String authority = uri.getAuthority();
        if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
            throw unsupported(location, "a file: URI must name a local folder, not one on host '" + authority + "'",
                    null);
        }
        if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw unsupported(location, "a file: URI must hold an absolute path (file:///path/to/checkpoint)", null);
        }
        try {
            return Paths.get(uri.getPath()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw unsupported(location, "it is not a valid path (" + e.getMessage() + ")", e);
        }
    }

    private static Path remote(String location, String qualified, Map<String, String> sessionSettings) {
        URI uri;
        try {
            uri = new URI(qualified);
        } catch (URISyntaxException e) {
            throw unsupported(location, "it is not a valid URI (" + e.getMessage() + ")", e);
        }
        if (uri.getRawUserInfo() != null) {
            // the location is echoed in logs and messages: never with its credentials
            throw unsupported(location.replace(uri.getRawUserInfo(), "***"), "credentials in a checkpoint URI are not"
                    + " supported (they would reach logs and messages): set them with the storage's spark.hadoop.*"
                    + " settings", null);
        }
        if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw unsupported(location, "a checkpoint URI must hold an absolute path (" + uri.getScheme()
                    + "://authority/path/to/checkpoint)", null);
        }
        String root = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://"
                + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
        CheckpointFileSystem fs;
        if (sessionSettings == null && LATEST.containsKey(root)) {
            fs = LATEST.get(root);
        } else {
            Map<String, String> hadoop = new TreeMap<>();
            if (sessionSettings != null) {
                sessionSettings.forEach((k, v) -> {
                    if (k.startsWith(HADOOP_PREFIX)) {
                        hadoop.put(k, v);
                    }
                });
            }
            fs = OPENED.computeIfAbsent(List.of(root, hadoop), k -> open(location, uri, hadoop));
            LATEST.put(root, fs);
        }
        return fs.getPath(uri.getPath()).normalize();
    }

    private static CheckpointFileSystem open(String location, URI uri, Map<String, String> settings) {
        List<String> failures = new ArrayList<>();
        for (CheckpointFileSystemProvider provider : ServiceLoader.load(CheckpointFileSystemProvider.class,
                CheckpointLocation.class.getClassLoader())) {
            try {
                CheckpointFileSystem fs = provider.open(uri, settings);
                if (fs != null) {
                    return fs;
                }
            } catch (IOException | RuntimeException e) {
                throw unsupported(location, "its file system cannot be opened: " + e.getMessage(), e);
            }
            failures.add(provider.getClass().getName());
        }
        throw unsupported(location, failures.isEmpty()
                ? "no checkpoint file system serves '" + uri.getScheme() + ":' URIs. Add the artifact"
                        + " dev.sluice:checkpoint-hadoop (Hadoop's FileSystem API, with the Hadoop client of the"
                        + " storage) to the class path, or choose a local folder"
                : "no checkpoint file system serves '" + uri.getScheme() + ":' URIs (tried " + failures + ")", null);
    }

    /** The folder {@code child} inside the resolved {@code root} (a query name under the session's root). */
    public static Path resolve(String root, String child) {
        return resolve(root).resolve(child);
    }

    /** {@link #resolve(String, String)} for a session with settings {@code sessionSettings}. */
    public static Path resolve(String root, String child, Map<String, String> sessionSettings) {
        return resolve(root, sessionSettings).resolve(child);
    }


    /**
     * Makes sure {@code folder} can hold a checkpoint: creates it when missing, and fails when it is a file or
     * cannot be written, so that an unusable location is an error when the query starts, not at its first batch.
     *
     * @throws CheckpointException ({@code IO_ERROR}) naming the folder and the reason
     */
    public static void checkUsable(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new CheckpointException("IO_ERROR", "Checkpoint location " + folder + " is a file, not a folder."
                    + " Choose another checkpointLocation", null);
        }
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException | SecurityException e) {
            throw new CheckpointException("IO_ERROR", "Cannot create the checkpoint folder " + folder + ": " + e
                    + ". Choose a checkpointLocation this process can write", e);
        }
        if (!Files.isWritable(folder)) {
            throw new CheckpointException("IO_ERROR", "The checkpoint folder " + folder + " is not writable by this"
                    + " process. Fix its permissions or choose another checkpointLocation", null);
        }
    }

    private static CheckpointException unsupported(String location, String why, Throwable cause) {
        return new CheckpointException("UNSUPPORTED_LOCATION", "Cannot use checkpointLocation '" + location + "': "
                + why, cause);
    }
}
