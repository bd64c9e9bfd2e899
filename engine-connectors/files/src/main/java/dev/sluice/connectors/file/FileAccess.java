package dev.sluice.connectors.file;

import dev.sluice.sql.SluiceSession;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
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
 * <p>Local files ({@code file:} paths, and paths without a scheme while {@code fs.defaultFS} is the local one) go
 * through {@code java.nio} directly: listing, status, reading, writing and atomic publication never build a Hadoop
 * {@code Configuration} nor load a {@code FileSystem} (their class loading and XML parsing were most of a file
 * query's start-up, and a per-trigger listing through them cost milliseconds). Paths keep Hadoop's qualified form
 * ({@code file:/a/b}) so logs and checkpoints are unchanged. Hadoop is used for every other scheme, and for local
 * files too when the settings or a {@code core-site.xml} on the class path could change what {@code file:} means
 * ({@code fs.defaultFS}, {@code fs.file.impl}). Either way no {@code .crc} side files are written (Hadoop's
 * checksummed {@code LocalFileSystem} is unwrapped to the raw one).
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
    /** A core-site.xml on the class path may redefine the default file system: local paths then go through Hadoop. */
    private static final boolean CORE_SITE = FileAccess.class.getClassLoader().getResource("core-site.xml") != null;
    private static final FileAccess DEFAULT = forSettings(Map.of());

    private final Map<String, String> settings;
    /** Whether local paths may bypass Hadoop (see the class comment). */
    private final boolean nioLocal;
    /** Built on first use by a non-local path: parsing Hadoop's default XML costs ~100 ms of class loading. */
    private volatile Configuration configuration;

    private FileAccess(Map<String, String> settings) {
        this.settings = settings;
        String defaultFs = settings.get("fs.defaultFS");
        this.nioLocal = !CORE_SITE && !settings.containsKey("fs.file.impl")
                && (defaultFs == null || defaultFs.startsWith("file:"));
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
        return CACHE.computeIfAbsent(Map.copyOf(hadoop), FileAccess::new);
    }

    /** The Hadoop configuration (do not modify it); built on the first call. */
    public Configuration configuration() {
        Configuration conf = configuration;
        if (conf == null) {
            synchronized (this) {
                conf = configuration;
                if (conf == null) {
                    conf = new Configuration();
                    settings.forEach(conf::set);
                    configuration = conf;
                }
            }
        }
        return conf;
    }

    /** Whether this access has built its Hadoop configuration (tests: local files must not). */
    boolean hadoopConfigured() {
        return configuration != null;
    }

    /** The local file of {@code path} when it is served through {@code java.nio}, else null (Hadoop serves it). */
    private java.nio.file.Path local(Path path) {
        if (!nioLocal) {
            return null;
        }
        java.net.URI uri = path.toUri();
        String scheme = uri.getScheme();
        if (scheme == null) {
            return Paths.get(uri.getPath()).toAbsolutePath();
        }
        return "file".equals(scheme) && (uri.getAuthority() == null || uri.getAuthority().isEmpty())
                ? Paths.get(uri.getPath()) : null;
    }

    /** {@code local} in Hadoop's qualified form for the local file system ({@code file:/a/b}). */
    private static Path qualified(java.nio.file.Path local) {
        return new Path("file", null, local.toAbsolutePath().normalize().toString());
    }

    private static FileStatus status(BasicFileAttributes attributes, Path path) {
        // as RawLocalFileSystem: replication 1, the default 32 MB block size
        return new FileStatus(attributes.isDirectory() ? 0 : attributes.size(), attributes.isDirectory(), 1,
                32L * 1024 * 1024, attributes.lastModifiedTime().toMillis(), path);
    }

    /** A local {@code java.nio} path as a Hadoop {@code file:} path (for callers holding local paths). */
    public static Path path(java.nio.file.Path local) {
        // qualified by the local file system: the form listings return (file:///a/b)
        return DEFAULT.qualify(local.toAbsolutePath().normalize().toString());
    }

    /**
     * A user path (plain, relative, or a URI with a scheme) made absolute and qualified with its scheme.
     *
     * @throws dev.sluice.SluiceIllegalArgumentException {@code SLUICE_INVALID_OPTION_VALUE} naming the {@code path}
     *     option when Hadoop cannot parse it (empty, a malformed URI)
     */
    public Path qualify(String userPath) {
        return qualify("path", userPath);
    }

    /** {@link #qualify(String)} of the value of {@code option} (named when it is not a path). */
    public Path qualify(String option, String userPath) {
        Path path;
        java.nio.file.Path local;
        try {
            path = new Path(userPath);
            local = local(path);
        } catch (IllegalArgumentException e) { // also InvalidPathException: a NUL in a local path
            // Hadoop's message quotes the path: shown scrubbed, and its exception (unscrubbed) is not attached
            throw dev.sluice.conf.OptionValues.refused(option, "Invalid value "
                    + dev.sluice.conf.OptionValues.quoted(option, userPath) + " for option '" + option
                    + "': not a path (" + dev.sluice.conf.OptionValues.scrub(e.getMessage(), userPath) + ")", null);
        }
        return local != null ? qualified(local) : fileSystem(path).makeQualified(path);
    }

    /** The file system of {@code path}'s scheme; for local files Hadoop's raw (unchecksummed) implementation. */
    public FileSystem fileSystem(Path path) {
        try {
            FileSystem fs = path.getFileSystem(configuration());
            return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot get the file system of " + path, e);
        }
    }

    /**
     * The local file of {@code path} when it is read and written through {@code java.nio} (a {@code file:} path
     * and no setting that redefines the local file system), else null: Hadoop's {@link #fileSystem} serves it.
     */
    public java.nio.file.Path localFile(Path path) {
        return local(path);
    }

    /** Opens {@code path} for reading. */
    public InputStream open(Path path) throws IOException {
        java.nio.file.Path local = local(path);
        if (local != null) {
            try {
                return Files.newInputStream(local);
            } catch (NoSuchFileException e) {
                throw notFound(e, path);
            }
        }
        return HadoopStreams.open(fileSystem(path), path);
    }

    /**
     * Hadoop's stream calls, in a class of their own: returning an {@code FSDataInputStream} as an {@code InputStream}
     * makes the verifier load it and its ten interfaces, which a JVM that only touches local files then loads for
     * nothing the first time it uses this class.
     */
    private static final class HadoopStreams {
        static InputStream open(FileSystem fs, Path path) throws IOException {
            return fs.open(path);
        }

        static OutputStream create(FileSystem fs, Path path) throws IOException {
            return fs.create(path, false);
        }
    }

    /** Hadoop's exception type for a missing file, which the readers' callers handle (ignoreMissingFiles). */
    private static FileNotFoundException notFound(NoSuchFileException e, Path path) {
        FileNotFoundException notFound = new FileNotFoundException("File " + path + " does not exist");
        notFound.initCause(e);
        return notFound;
    }

    /**
     * Creates {@code path}, which must not exist (parent directories are created).
     *
     * @throws IOException (FileAlreadyExistsException on most file systems) when it exists
     */
    public OutputStream create(Path path) throws IOException {
        java.nio.file.Path local = local(path);
        if (local != null) {
            Files.createDirectories(local.getParent());
            return Files.newOutputStream(local, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        return HadoopStreams.create(fileSystem(path), path);
    }

    /** The status of {@code path}, or null when it does not exist. */
    public FileStatus statusOrNull(Path path) throws IOException {
        java.nio.file.Path local = local(path);
        if (local != null) {
            try {
                return status(Files.readAttributes(local, BasicFileAttributes.class), qualified(local));
            } catch (NoSuchFileException e) {
                return null;
            }
        }
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
        return list(directory, null);
    }

    /**
     * The entries of directory {@code path} except those whose qualified URI ({@code path.toUri().toString()}, e.g.
     * {@code file:/in/a.json}) {@code skip} accepts: their status is not read (locally a system call per entry), and
     * for a plain name not even their path is built. Empty when the directory does not exist. Null: skip none.
     */
    public FileStatus[] list(Path directory, java.util.function.Predicate<String> skip) throws IOException {
        java.nio.file.Path local = local(directory);
        if (local != null) {
            // the names alone (readdir into strings): a DirectoryStream builds and splits a path per entry, which was
            // most of a streaming source's listing when nearly every name is already known
            String[] names = local.toFile().list();
            if (names != null) {
                return listLocal(local, names, skip);
            }
            // not a folder, missing, or unreadable: the stream says which, with the exceptions callers handle
            List<String> streamed = new ArrayList<>();
            try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(local)) {
                for (java.nio.file.Path entry : entries) {
                    streamed.add(entry.getFileName().toString());
                }
            } catch (NoSuchFileException e) {
                return new FileStatus[0];
            } catch (java.nio.file.NotDirectoryException e) {
                // Hadoop lists a file as itself
                return new FileStatus[] {statusOrNull(directory)};
            }
            return listLocal(local, streamed.toArray(new String[0]), skip);
        }
        FileStatus[] all;
        try {
            all = fileSystem(directory).listStatus(directory);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
        if (skip == null) {
            return all;
        }
        return java.util.Arrays.stream(all).filter(f -> !skip.test(f.getPath().toUri().toString()))
                .toArray(FileStatus[]::new);
    }

    /** {@link #list(Path, java.util.function.Predicate)} of a local folder whose entry names are {@code names}. */
    private static FileStatus[] listLocal(java.nio.file.Path local, String[] names,
            java.util.function.Predicate<String> skip) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        Path parent = qualified(local);
        String prefix = skip == null ? null : childUriPrefix(parent);
        for (String name : names) {
            Path child = null;
            if (skip != null) {
                String uri;
                if (plainName(name)) {
                    uri = prefix + name;
                } else {
                    child = child(parent, name);
                    uri = child.toUri().toString();
                }
                if (skip.test(uri)) {
                    continue;
                }
            }
            if (child == null) {
                child = child(parent, name);
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(local.resolve(name), BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                continue; // deleted while listing
            }
            out.add(status(attributes, child));
        }
        return out.toArray(new FileStatus[0]);
    }

    /**
     * What the URI text of {@link #child child(parent, name)} starts with, for a {@link #plainName plain} name: the
     * parent's URI text and a slash (the parent is built by the same URI constructor, so it is quoted the same way).
     */
    static String childUriPrefix(Path parent) {
        String text = parent.toUri().toString();
        return text.endsWith("/") ? text : text + "/";
    }

    /**
     * Whether {@code name} is made only of characters a URI path never quotes (letters, digits and {@code -._~=+,@}),
     * so that the URI text of {@link #child child(parent, name)} is {@link #childUriPrefix} followed by the name.
     */
    static boolean plainName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '=' || c == '+' || c == ',' || c == '@';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code parent}/{@code name} as one URI: a listing builds one per entry on every trigger of a file source, and
     * Hadoop's {@code new Path(parent, name)} parses and resolves several URIs for it. Equal to that path.
     */
    static Path child(Path parent, String name) {
        java.net.URI p = parent.toUri();
        String path = p.getPath();
        try {
            return new Path(new java.net.URI(p.getScheme(), p.getAuthority(),
                    path.endsWith("/") ? path + name : path + "/" + name, null, null));
        } catch (java.net.URISyntaxException e) {
            return new Path(parent, name); // Hadoop's own route, with its own error for a name it refuses
        }
    }

    public void mkdirs(Path directory) throws IOException {
        java.nio.file.Path local = local(directory);
        if (local != null) {
            Files.createDirectories(local);
            return;
        }
        FileSystem fs = fileSystem(directory);
        if (!fs.mkdirs(directory) && !fs.getFileStatus(directory).isDirectory()) {
            throw new IOException("cannot create directory " + directory);
        }
    }

    /** Deletes a file or (recursively) a directory; false when it did not exist. */
    public boolean delete(Path path, boolean recursive) throws IOException {
        java.nio.file.Path local = local(path);
        if (local != null) {
            if (!Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (recursive && Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<java.nio.file.Path> tree = Files.walk(local)) {
                    for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(p);
                    }
                }
                return true;
            }
            return Files.deleteIfExists(local);
        }
        return fileSystem(path).delete(path, recursive);
    }

    /**
     * Renames {@code from} to {@code to} (parent created), failing when it cannot; {@code to} must not
     * exist. Used to archive processed source files.
     */
    public void move(Path from, Path to) throws IOException {
        java.nio.file.Path localFrom = local(from);
        java.nio.file.Path localTo = local(to);
        if (localFrom != null && localTo != null) {
            Files.createDirectories(localTo.getParent());
            Files.move(localFrom, localTo); // no REPLACE_EXISTING: fails when the target exists
            return;
        }
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
        java.nio.file.Path localTarget = local(target);
        if (localTarget != null) {
            return publishLocal(localTarget, content);
        }
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

    /**
     * {@link #publish} of a local file: temporary file, fsync, hard link to the final name, the temporary name removed,
     * directory fsync. The temporary name goes before the fsync, not after: the link and the unlink then become
     * durable in the same journal commit, and no file-system call that may wait for one is left after the fsync (a
     * file source's log write is on its batch's path).
     */
    private static boolean publishLocal(java.nio.file.Path target, byte[] content) throws IOException {
        java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        boolean tempLeft = true;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                if (Files.exists(target)) {
                    return false; // a rename may replace its target: best effort on file systems without links
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(temp);
            tempLeft = false;
            syncDirectory(target.getParent());
            return true;
        } finally {
            if (tempLeft) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Makes a new directory entry durable. Only Windows cannot open a directory (there the link itself stays
     * atomic); elsewhere a failed sync is an error, since the published file may not survive a power loss.
     */
    private static void syncDirectory(java.nio.file.Path directory) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new IOException("cannot sync folder " + directory + " after publishing a file in it: " + e, e);
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
        syncDirectory(link.getParent()); // Hadoop's API has no directory sync
        return true;
    }

    @Override
    public String toString() {
        return "FileAccess(" + (nioLocal ? "local files through java.nio, " : "") + "hadoop settings " + settings.keySet() + ")";
    }
}
