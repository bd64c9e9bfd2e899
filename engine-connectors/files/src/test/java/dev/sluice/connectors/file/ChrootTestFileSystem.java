package dev.sluice.connectors.file;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A test file system of scheme {@value #SCHEME}, registered with {@code fs.chroot.impl}: path {@code chroot:/x/y}
 * is the local file {@code <root>/x/y}, {@code root} coming from the configuration key {@value #ROOT_KEY}. Code
 * that bypassed Hadoop's API (java.nio on the path, or on its URI path) would touch {@code /x/y} instead and
 * fail, so a query that works on {@code chroot:} paths proves every access went through the FileSystem API.
 * It counts the operations per kind; its rename has HDFS's no-replace semantics (false when the target exists).
 */
public final class ChrootTestFileSystem extends FilterFileSystem {
    static final String SCHEME = "chroot";
    static final String ROOT_KEY = "fs.chroot.root";
    /** Calls per operation ({@code open}, {@code create}, {@code list}, {@code rename}, {@code delete}, {@code status}). */
    static final ConcurrentHashMap<String, AtomicLong> CALLS = new ConcurrentHashMap<>();

    private String root;

    public ChrootTestFileSystem() {
        super(new RawLocalFileSystem());
    }

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        fs.initialize(URI.create("file:///"), conf);
        setConf(conf);
        root = conf.get(ROOT_KEY);
        if (root == null) {
            throw new IOException(ROOT_KEY + " is not set");
        }
    }

    private static void count(String operation) {
        CALLS.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    static long calls(String operation) {
        AtomicLong n = CALLS.get(operation);
        return n == null ? 0 : n.get();
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public Path getWorkingDirectory() {
        return new Path(SCHEME + ":///");
    }

    @Override
    protected void checkPath(Path path) {
        String scheme = path.toUri().getScheme();
        if (scheme != null && !scheme.equals(SCHEME)) {
            throw new IllegalArgumentException("Wrong FS: " + path + ", expected: " + getUri());
        }
    }

    @Override
    public Path makeQualified(Path path) {
        checkPath(path);
        return path.makeQualified(getUri(), getWorkingDirectory());
    }

    private Path local(Path path) {
        checkPath(path);
        return new Path("file", null, root + makeQualified(path).toUri().getPath());
    }

    private FileStatus ours(FileStatus status) throws IOException {
        String local = status.getPath().toUri().getPath();
        if (!local.startsWith(root)) {
            throw new IOException("outside the root: " + status.getPath());
        }
        String inside = local.substring(root.length());
        FileStatus copy = new FileStatus(status);
        copy.setPath(makeQualified(new Path(inside.isEmpty() ? "/" : inside)));
        return copy;
    }

    @Override
    public FSDataInputStream open(Path path, int bufferSize) throws IOException {
        count("open");
        return fs.open(local(path), bufferSize);
    }

    @Override
    public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        count("create");
        return fs.create(local(path), permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public boolean rename(Path from, Path to) throws IOException {
        count("rename");
        if (fs.exists(local(to))) {
            return false; // HDFS semantics: never replaces
        }
        return fs.rename(local(from), local(to));
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        count("delete");
        return fs.delete(local(path), recursive);
    }

    @Override
    public boolean mkdirs(Path path, FsPermission permission) throws IOException {
        return fs.mkdirs(local(path), permission);
    }

    @Override
    public boolean mkdirs(Path path) throws IOException {
        return fs.mkdirs(local(path));
    }

    @Override
    public FileStatus getFileLinkStatus(Path path) throws IOException {
        return getFileStatus(path);
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        count("status");
        try {
            return ours(fs.getFileStatus(local(path)));
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("File " + path + " does not exist");
        }
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        count("list");
        FileStatus[] statuses = fs.listStatus(local(path));
        FileStatus[] out = new FileStatus[statuses.length];
        for (int i = 0; i < statuses.length; i++) {
            out[i] = ours(statuses[i]);
        }
        return out;
    }
}
