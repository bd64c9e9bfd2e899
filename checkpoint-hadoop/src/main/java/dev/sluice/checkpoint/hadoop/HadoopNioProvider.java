package dev.sluice.checkpoint.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;

/**
 * The {@code java.nio} operations of a {@link HadoopCheckpointFileSystem}, each one Hadoop FileSystem call or a
 * few: status, listing, open, create, mkdirs, delete, rename. Output streams are {@code hsync}ed when closed, so
 * a file written through {@link java.nio.file.Files} is durable once closed (the engine's state copies rely on
 * it). Hadoop's {@link FileNotFoundException} becomes {@link NoSuchFileException}, as {@code Files} callers
 * expect. Not installed as a JDK provider: reached only through the paths of its file systems. Stateless and
 * thread-safe.
 */
final class HadoopNioProvider extends FileSystemProvider {
    private static HadoopPath path(Path path) {
        if (!(path instanceof HadoopPath p)) {
            throw new ProviderMismatchException(path + " is not a path of a Hadoop checkpoint file system");
        }
        return p;
    }

    private static org.apache.hadoop.fs.Path hadoopPath(Path path) {
        HadoopPath p = path(path);
        return p.getFileSystem().hadoopPath(p);
    }

    private static org.apache.hadoop.fs.FileSystem hadoop(Path path) {
        return path(path).getFileSystem().hadoop();
    }

    private static FileStatus status(Path path) throws IOException {
        try {
            return hadoop(path).getFileStatus(hadoopPath(path));
        } catch (FileNotFoundException e) {
            NoSuchFileException missing = new NoSuchFileException(path.toString());
            missing.initCause(e);
            throw missing;
        }
    }

    @Override
    public String getScheme() {
        return "sluice-hadoop";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("opened through CheckpointLocation only");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("opened through CheckpointLocation only");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("opened through CheckpointLocation only");
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        status(path); // NoSuchFileException for a missing file, as Files callers expect
        return hadoop(path).open(hadoopPath(path));
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        List<OpenOption> opts = Arrays.asList(options);
        boolean createNew = opts.contains(StandardOpenOption.CREATE_NEW);
        if (opts.contains(StandardOpenOption.APPEND)) {
            throw new UnsupportedOperationException("appending to " + path);
        }
        if (createNew && exists(path)) {
            throw new FileAlreadyExistsException(path.toString());
        }
        FSDataOutputStream out = hadoop(path).create(hadoopPath(path), !createNew);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                try {
                    out.hsync();
                } finally {
                    out.close();
                }
            }
        };
    }

    private static boolean exists(Path path) throws IOException {
        return hadoop(path).exists(hadoopPath(path));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
            FileAttribute<?>... attrs) throws IOException {
        if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
            throw new UnsupportedOperationException("write channels on " + path + ": use an output stream");
        }
        long size = status(path).getLen();
        FSDataInputStream in = hadoop(path).open(hadoopPath(path));
        return new SeekableByteChannel() {
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                byte[] buffer = new byte[Math.min(dst.remaining(), 64 * 1024)];
                int n = in.read(buffer);
                if (n > 0) {
                    dst.put(buffer, 0, n);
                }
                return n;
            }

            @Override
            public int write(ByteBuffer src) {
                throw new NonWritableChannelException();
            }

            @Override
            public long position() throws IOException {
                return in.getPos();
            }

            @Override
            public SeekableByteChannel position(long newPosition) throws IOException {
                in.seek(newPosition);
                return this;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public SeekableByteChannel truncate(long s) {
                throw new NonWritableChannelException();
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() throws IOException {
                open = false;
                in.close();
            }
        };
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        FileStatus[] statuses;
        try {
            statuses = hadoop(dir).listStatus(hadoopPath(dir));
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(dir.toString());
        }
        List<Path> entries = new ArrayList<>();
        for (FileStatus s : statuses) {
            Path entry = dir.resolve(s.getPath().getName());
            if (filter == null || filter.accept(entry)) {
                entries.add(entry);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {
                // the listing is already read
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        if (exists(dir)) {
            throw new FileAlreadyExistsException(dir.toString());
        }
        if (!hadoop(dir).mkdirs(hadoopPath(dir))) {
            throw new IOException("Hadoop could not create the folder " + dir);
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        FileStatus status = status(path);
        if (status.isDirectory() && hadoop(path).listStatus(hadoopPath(path)).length > 0) {
            throw new DirectoryNotEmptyException(path.toString());
        }
        if (!hadoop(path).delete(hadoopPath(path), false) && exists(path)) {
            throw new IOException("Hadoop could not delete " + path);
        }
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        if (!replace && exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try (InputStream in = newInputStream(source); OutputStream out = newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        status(source);
        if (exists(target)) {
            if (!replace) {
                throw new FileAlreadyExistsException(target.toString());
            }
            hadoop(target).delete(hadoopPath(target), false);
        }
        if (!hadoop(source).rename(hadoopPath(source), hadoopPath(target))) {
            throw new IOException("Hadoop could not rename " + source + " to " + target);
        }
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        return path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("file stores of " + path.getFileSystem());
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        // existence only: Hadoop checks permissions when a file is opened or created
        status(path);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) {
            return null;
        }
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return HadoopNioProvider.this.readAttributes(path, BasicFileAttributes.class);
            }

            @Override
            public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime)
                    throws IOException {
                if (lastModifiedTime != null || lastAccessTime != null) {
                    hadoop(path).setTimes(hadoopPath(path), lastModifiedTime == null ? -1 : lastModifiedTime.toMillis(),
                            lastAccessTime == null ? -1 : lastAccessTime.toMillis());
                }
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (!type.isAssignableFrom(BasicFileAttributes.class)) {
            throw new UnsupportedOperationException(type.getSimpleName() + " of " + path);
        }
        FileStatus status = status(path);
        FileTime modified = FileTime.fromMillis(status.getModificationTime());
        return (A) new BasicFileAttributes() {
            @Override
            public FileTime lastModifiedTime() {
                return modified;
            }

            @Override
            public FileTime lastAccessTime() {
                return FileTime.fromMillis(status.getAccessTime());
            }

            @Override
            public FileTime creationTime() {
                return modified;
            }

            @Override
            public boolean isRegularFile() {
                return status.isFile();
            }

            @Override
            public boolean isDirectory() {
                return status.isDirectory();
            }

            @Override
            public boolean isSymbolicLink() {
                return false;
            }

            @Override
            public boolean isOther() {
                return false;
            }

            @Override
            public long size() {
                return status.getLen();
            }

            @Override
            public Object fileKey() {
                return null;
            }
        };
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        BasicFileAttributes a = readAttributes(path, BasicFileAttributes.class);
        Map<String, Object> out = new HashMap<>();
        out.put("size", a.size());
        out.put("lastModifiedTime", a.lastModifiedTime());
        out.put("isDirectory", a.isDirectory());
        out.put("isRegularFile", a.isRegularFile());
        return out;
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new UnsupportedOperationException("setting " + attribute + " on " + path);
    }
}
