package dev.sluice.checkpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;

/**
 * Where a query's checkpoint lives: the one place that turns a {@code checkpointLocation} (option or
 * {@code spark.sql.streaming.checkpointLocation} plus the query name) into a folder, used by the engine and by
 * the sinks that read the query id from it, so both always agree.
 *
 * <p>Accepted: a plain path (relative ones against the working directory) and a {@code file:} URI
 * ({@code file:/cp}, {@code file:///cp}, {@code file://localhost/cp}), both resolved to the same local folder
 * and accessed through {@code java.nio}, which keeps Hadoop off a query's start. Checkpoints are kept on local
 * (or locally mounted) file systems only: any other scheme ({@code hdfs:}, {@code s3a:}, ...) is refused with
 * {@code SLUICE_CHECKPOINT.UNSUPPORTED_LOCATION} when the query starts, rather than being mistaken for a
 * relative folder named {@code hdfs:} (see docs/OPERATIONS.md, "Checkpoint locations").
 *
 * <p>Stateless and thread-safe.
 */
public final class CheckpointLocation {
    /** A URI scheme: two characters at least, so a Windows drive ({@code C:}) is a plain path. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]+):.*", Pattern.DOTALL);

    private CheckpointLocation() {
    }

    /**
     * The absolute local folder of {@code location}.
     *
     * @throws CheckpointException ({@code UNSUPPORTED_LOCATION}) naming the location when it has another
     *         scheme than {@code file:}, a {@code file:} URI of another host, or is not a valid path
     */
    public static Path resolve(String location) {
        var m = SCHEME.matcher(location);
        if (!m.matches()) {
            try {
                return Paths.get(location).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw unsupported(location, "it is not a valid path (" + e.getMessage() + ")", e);
            }
        }
        String scheme = m.group(1);
        if (!scheme.equalsIgnoreCase("file")) {
            throw unsupported(location, "checkpoints are kept on local or locally mounted file systems only (a plain"
                    + " path or a file: URI), not on '" + scheme + ":'. Mount the storage locally or choose a local"
                    + " folder", null);
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

    /** The folder {@code child} inside the resolved {@code root} (a query name under the session's root). */
    public static Path resolve(String root, String child) {
        return resolve(root).resolve(child);
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
