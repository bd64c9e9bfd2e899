package dev.sluice.checkpoint.hadoop;

import dev.sluice.spi.CheckpointFileSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.Abortable;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint location on a Hadoop {@link FileSystem} (HDFS, S3A, any {@code fs.<scheme>.impl}) as a
 * {@code java.nio} file system, so the engine's checkpoint code reaches it through {@link java.nio.file.Files}.
 *
 * <p>Publishing a file ({@link #publish}), as Spark's {@code CheckpointFileManager} implementations do:
 * <ul>
 *   <li>Storage whose output streams are abortable ({@code fs.capability.outputstream.abortable}: S3A) is not
 *   rename-safe (an S3A rename is a copy and a delete, neither atomic nor fast), but an object appears complete
 *   or not at all when its upload finishes: the file is written directly under its final name and the upload is
 *   aborted on failure, so nothing partial is ever visible (Spark's {@code AbortableStreamBasedCheckpointFileManager}).
 *   S3 is strongly consistent, so a following read or listing sees it.</li>
 *   <li>Other storage (HDFS and file systems with HDFS's rename): a hidden temporary file in the same folder,
 *   {@code hsync}ed and closed, then renamed to the final name. HDFS's rename is atomic and never replaces; to
 *   replace a file (a re-planned offsets entry, a rewritten operator metadata file) the old one is deleted and the
 *   rename retried: a crash in between leaves the entry absent, which the engine treats as never written (it
 *   re-plans the batch, rewrites the metadata), never a partial file.</li>
 * </ul>
 * Folders are not synced ({@link #syncsFolders()} false): the storage makes a closed file and a rename durable.
 *
 * <p>Thread-safe: Hadoop file systems are; paths are immutable.
 */
final class HadoopCheckpointFileSystem extends CheckpointFileSystem {
    private static final Logger LOG = LoggerFactory.getLogger(HadoopCheckpointFileSystem.class);
    private static final String ABORTABLE = "fs.capability.outputstream.abortable";

    private final FileSystem hadoop;
    private final String scheme;
    private final String authority;
    private final HadoopNioProvider provider;
    private final boolean abortableUploads;

    HadoopCheckpointFileSystem(FileSystem hadoop, URI location) throws IOException {
        this.hadoop = hadoop;
        this.scheme = location.getScheme();
        this.authority = location.getRawAuthority() == null ? "" : location.getRawAuthority();
        this.provider = new HadoopNioProvider();
        this.abortableUploads = abortable(hadoop, location);
        LOG.info("Checkpoint location {}://{} through Hadoop's {}: {}", scheme, authority,
                hadoop.getClass().getSimpleName(), publishRule());
    }

    private static boolean abortable(FileSystem hadoop, URI location) throws IOException {
        try {
            return hadoop.hasPathCapability(new org.apache.hadoop.fs.Path(location), ABORTABLE);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // a wrapping file system that passes the probe to another one may reject the path: no capability
            return false;
        }
    }

    /** The Hadoop file system behind this one. */
    FileSystem hadoop() {
        return hadoop;
    }

    /** The URI of {@code path} (an absolute, {@code /}-separated path) on this storage. */
    URI uri(String path) {
        try {
            return new URI(scheme + "://" + authority + new URI(null, null, path, null).getRawPath());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid path: " + path, e);
        }
    }

    /** The Hadoop path of {@code path}. */
    org.apache.hadoop.fs.Path hadoopPath(Path path) {
        return new org.apache.hadoop.fs.Path(uri(((HadoopPath) path.toAbsolutePath()).pathString()));
    }

    @Override
    public void publish(Path target, boolean replace, byte[]... parts) throws IOException {
        org.apache.hadoop.fs.Path dest = hadoopPath(target);
        if (!replace && hadoop.exists(dest)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        if (abortableUploads) {
            FSDataOutputStream out = hadoop.create(dest, true);
            try {
                write(out, parts);
                out.close();
            } catch (IOException | RuntimeException e) {
                ((Abortable) out).abort();
                throw e;
            }
            return;
        }
        org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(dest.getParent(),
                "." + dest.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FSDataOutputStream out = hadoop.create(temp, false)) {
                write(out, parts);
                out.hsync();
            }
            if (!hadoop.rename(temp, dest)) {
                if (!replace || !hadoop.exists(dest)) {
                    throw new IOException("Hadoop could not rename " + temp + " to " + dest);
                }
                hadoop.delete(dest, false);
                if (!hadoop.rename(temp, dest)) {
                    throw new IOException("Hadoop could not rename " + temp + " to " + dest + " after deleting it");
                }
            }
        } finally {
            if (hadoop.exists(temp)) {
                hadoop.delete(temp, false);
            }
        }
    }

    private static void write(OutputStream out, byte[]... parts) throws IOException {
        for (byte[] part : parts) {
            out.write(part);
        }
    }

    @Override
    public String publishRule() {
        return abortableUploads ? "files are uploaded directly under their final name, aborted on failure (object"
                + " store: renames are not atomic)" : "files are written to a temporary name and renamed";
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // Hadoop's file systems are shared through its cache; closing one here would break other users
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(getPath("/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder path = new StringBuilder(first);
        for (String m : more) {
            path.append('/').append(m);
        }
        return new HadoopPath(this, path.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        throw new UnsupportedOperationException("path matchers on " + this);
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("user principals on " + this);
    }

    @Override
    public java.nio.file.WatchService newWatchService() {
        throw new UnsupportedOperationException("watching folders of " + this);
    }

    @Override
    public String toString() {
        return scheme + "://" + authority;
    }
}
