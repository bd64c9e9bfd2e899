package dev.sluice.connectors.file;

import dev.sluice.sql.SluiceSession;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Every file the file formats, the file source and the file sink touch goes through here, and from here
 * through Hadoop's {@link FileSystem} API: the file system is the one of the path's URI scheme
 * ({@code file:}, {@code hdfs:}, {@code s3a:}, or any scheme registered with {@code fs.<scheme>.impl}),
 * obtained with a {@link Configuration} holding the session's {@code spark.hadoop.*} settings (prefix
 * removed), as Spark's {@code sessionState.newHadoopConf()}. A path without a scheme is resolved against
 * {@code fs.defaultFS} ({@code file:///} unless configured), a relative one against the working directory.
 *
 * <p>Local files use Hadoop's raw local file system (the checksummed {@code LocalFileSystem} is unwrapped):
 * no {@code .crc} side files, no checksum pass over the bytes, streams straight on the file.
 *
 * <p>Atomic publication ({@link #publish}): a file is written under a temporary name and then renamed to
 * its final name without replacing an existing one. HDFS's rename is atomic and fails when the target
 * exists; Hadoop's local rename would replace it, so for local files the temporary file is hard-linked to
 * its final name instead (atomic, fails when the name exists). Object stores (S3A) copy on rename: the
 * final name appears complete but not atomically with respect to a concurrent writer, which is why the file
 * sink's visibility rests on its metadata log, written by one query at a time, not on renames of data files.
 *
 * <p>Immutable and thread-safe; Hadoop caches file systems per scheme, authority and user.
 */
public final class FileAccess {
    /** The prefix of session settings copied into the Hadoop configuration (prefix removed), as Spark. */
    public static final String HADOOP_PREFIX = "spark.hadoop.";

    private static final Map<Map<String, String>, FileAccess> CACHE = new ConcurrentHashMap<>();
    private static final FileAccess DEFAULT = forSettings(Map.of());

    private final Configuration configuration;

    private FileAccess(Configuration configuration) {
        this.configuration = configuration;
    }

    /** Access with Hadoop's defaults only (no session settings). */
    public static FileAccess defaults() {
        return DEFAULT;
    }

    /** Access configured with the {@code spark.hadoop.*} settings of {@code session}. */
    public static FileAccess of(SluiceSession session) {
        return of(session.conf().getAll());
    }

    /** Access configured with the {@code spark.hadoop.*} entries of a session's settings. */
    public static FileAccess of(Map<String, String> sessionSettings) {
        Map<String, String> hadoop = new TreeMap<>();
        sessionSettings.forEach((key, value) -> {
            if (key.startsWith(HADOOP_PREFIX)) {
                hadoop.put(key.substring(HADOOP_PREFIX.length()), value);
            }
        });
        return hadoop.isEmpty() ? DEFAULT : forSettings(hadoop);
    }

    private static FileAccess forSettings(Map<String, String> hadoop) {
        // A Configuration parses Hadoop's default XML on first use: built once per distinct setting set.
        return CACHE.computeIfAbsent(Map.copyOf(hadoop), settings -> {
            Configuration conf = new Configuration();
            settings.forEach(conf::set);
            return new FileAccess(conf);
        });
    }

    /** The Hadoop configuration (do not modify it). */
    public Configuration configuration() {
        return configuration;
    }

    /** A local {@code java.nio} path as a Hadoop {@code file:} path (for callers holding local paths). */
    public static Path path(java.nio.file.Path local) {
        // qualified by the local file system: the form listings return (file:///a/b)
        return DEFAULT.qualify(local.toAbsolutePath().normalize().toString());
    }

    /** A user path (plain, relative, or a URI with a scheme) made absolute and qualified with its scheme. */
    public Path qualify(String userPath) {
        Path path = new Path(userPath);
        return fileSystem(path).makeQualified(path);
    }

    /** The file system of {@code path}'s scheme; for local files Hadoop's raw (unchecksummed) implementation. */
    public FileSystem fileSystem(Path path) {
        try {
            FileSystem fs = path.getFileSystem(configuration);
            return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot get the file system of " + path, e);
        }
    }

    /** Opens {@code path} for reading. */
    public FSDataInputStream open(Path path) throws IOException {
        return fileSystem(path).open(path);
    }

    /**
     * Creates {@code path}, which must not exist (parent directories are created).
     *
     * @throws IOException (FileAlreadyExistsException on most file systems) when it exists
     */
    public FSDataOutputStream create(Path path) throws IOException {
        return fileSystem(path).create(path, false);
    }

    /** The status of {@code path}, or null when it does not exist. */
    public FileStatus statusOrNull(Path path) throws IOException {
        try {
            return fileSystem(path).getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    public boolean exists(Path path) throws IOException {
        return statusOrNull(path) != null;
    }

    public boolean isDirectory(Path path) throws IOException {
        FileStatus status = statusOrNull(path);
        return status != null && status.isDirectory();
    }

    /** The entries of directory {@code path}; empty when it does not exist. */
    public FileStatus[] list(Path directory) throws IOException {
        try {
            return fileSystem(directory).listStatus(directory);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
    }

    public void mkdirs(Path directory) throws IOException {
        FileSystem fs = fileSystem(directory);
        if (!fs.mkdirs(directory) && !fs.getFileStatus(directory).isDirectory()) {
            throw new IOException("cannot create directory " + directory);
        }
    }

    /** Deletes a file or (recursively) a directory; false when it did not exist. */
    public boolean delete(Path path, boolean recursive) throws IOException {
        return fileSystem(path).delete(path, recursive);
    }

    /**
     * Renames {@code from} to {@code to} (parent created), failing when it cannot; {@code to} must not
     * exist. Used to archive processed source files.
     */
    public void move(Path from, Path to) throws IOException {
        FileSystem fs = fileSystem(from);
        mkdirs(to.getParent());
        if (exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /**
     * Writes {@code content} to a hidden temporary file next to {@code target}, forces it to stable storage
     * ({@code hsync}), then publishes it under {@code target} without replacing an existing file (see the
     * class comment for what "atomic" means per file system).
     *
     * @return false, leaving {@code target} untouched and no temporary file behind, when {@code target} exists
     */
    public boolean publish(Path target, byte[] content) throws IOException {
        Path directory = target.getParent();
        Path temp = new Path(directory, "." + target.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
        FileSystem fs = fileSystem(target);
        try (FSDataOutputStream out = fs.create(temp, false)) {
            out.write(content);
            out.hsync();
        }
        try {
            if (fs instanceof RawLocalFileSystem local && "file".equals(fs.getUri().getScheme())) {
                return linkNoReplace(local, temp, target);
            }
            if (fs.exists(target)) {
                return false;
            }
            if (fs.rename(temp, target)) {
                return true;
            }
            if (fs.exists(target)) {
                return false; // another writer won the race
            }
            throw new IOException("cannot rename " + temp + " to " + target);
        } finally {
            fs.delete(temp, false);
        }
    }

    /** Hadoop's local rename replaces its target; a hard link is the atomic no-replace publication. */
    private static boolean linkNoReplace(RawLocalFileSystem fs, Path temp, Path target) throws IOException {
        java.nio.file.Path link = fs.pathToFile(target).toPath();
        try {
            Files.createLink(link, fs.pathToFile(temp).toPath());
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            if (fs.exists(target)) {
                return false;
            }
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target, e);
            }
        }
        // Make the new directory entry durable too (Hadoop's API has no directory sync). Only Windows cannot open
        // a directory; elsewhere a failed sync is an error, since the published file may not survive a power loss.
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
            try (FileChannel channel = FileChannel.open(link.getParent(), StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                throw new IOException("cannot sync folder " + link.getParent() + " after publishing " + target + ": "
                        + e, e);
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "FileAccess(fs.defaultFS=" + configuration.get("fs.defaultFS") + ")";
    }
}
