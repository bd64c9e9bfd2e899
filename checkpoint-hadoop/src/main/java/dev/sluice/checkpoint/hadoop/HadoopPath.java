package dev.sluice.checkpoint.hadoop;

import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link Path} of a {@link HadoopCheckpointFileSystem}: {@code /}-separated names, absolute when it starts
 * with {@code /}. {@link #toString()} of an absolute path is its full URI ({@code hdfs://nn:8020/cp/offsets/3}),
 * so a path handed to a connector as a string resolves back to the same file system; a relative path (the result
 * of {@link #relativize}) prints as its names ({@code offsets/3}). Immutable and thread-safe.
 */
final class HadoopPath implements Path {
    private final HadoopCheckpointFileSystem fs;
    private final boolean absolute;
    private final String[] names;

    HadoopPath(HadoopCheckpointFileSystem fs, String path) {
        this(fs, path.startsWith("/"), Arrays.stream(path.split("/+")).filter(n -> !n.isEmpty()).toArray(String[]::new));
    }

    private HadoopPath(HadoopCheckpointFileSystem fs, boolean absolute, String[] names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
    }

    /** The path part of the URI ({@code /cp/offsets/3}); a relative path is taken from the root. */
    String pathString() {
        return "/" + String.join("/", names);
    }

    private HadoopPath of(Path other) {
        if (!(other instanceof HadoopPath p) || p.fs != fs) {
            throw new ProviderMismatchException(other + " is not a path of " + fs);
        }
        return p;
    }

    @Override
    public HadoopCheckpointFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new HadoopPath(fs, true, new String[0]) : null;
    }

    @Override
    public Path getFileName() {
        return names.length == 0 ? null : new HadoopPath(fs, false, new String[] {names[names.length - 1]});
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || names.length == 1 && !absolute) {
            return null;
        }
        return new HadoopPath(fs, absolute, Arrays.copyOf(names, names.length - 1));
    }

    @Override
    public int getNameCount() {
        return names.length;
    }

    @Override
    public Path getName(int index) {
        return new HadoopPath(fs, false, new String[] {names[index]});
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return new HadoopPath(fs, false, Arrays.copyOfRange(names, beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        HadoopPath p = of(other);
        return p.absolute == absolute && p.names.length <= names.length
                && Arrays.equals(names, 0, p.names.length, p.names, 0, p.names.length);
    }

    @Override
    public boolean endsWith(Path other) {
        HadoopPath p = of(other);
        if (p.absolute) {
            return equals(p);
        }
        int from = names.length - p.names.length;
        return from >= 0 && Arrays.equals(names, from, names.length, p.names, 0, p.names.length);
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else if (!(n.equals("..") && absolute)) {
                out.add(n);
            }
        }
        return new HadoopPath(fs, absolute, out.toArray(new String[0]));
    }

    @Override
    public Path resolve(Path other) {
        HadoopPath p = of(other);
        if (p.absolute) {
            return p;
        }
        String[] joined = Arrays.copyOf(names, names.length + p.names.length);
        System.arraycopy(p.names, 0, joined, names.length, p.names.length);
        return new HadoopPath(fs, absolute, joined);
    }

    @Override
    public Path resolve(String other) {
        return resolve(new HadoopPath(fs, other));
    }

    @Override
    public Path relativize(Path other) {
        HadoopPath p = of(other);
        if (p.absolute != absolute) {
            throw new IllegalArgumentException("'" + other + "' is not of the same kind as '" + this + "'");
        }
        int common = 0;
        while (common < names.length && common < p.names.length && names[common].equals(p.names[common])) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < names.length; i++) {
            out.add("..");
        }
        out.addAll(Arrays.asList(p.names).subList(common, p.names.length));
        return new HadoopPath(fs, false, out.toArray(new String[0]));
    }

    @Override
    public URI toUri() {
        return fs.uri(pathString());
    }

    @Override
    public Path toAbsolutePath() {
        return absolute ? this : new HadoopPath(fs, true, names);
    }

    @Override
    public Path toRealPath(LinkOption... options) {
        return toAbsolutePath().normalize();
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("watching a folder of " + fs);
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HadoopPath p && p.fs == fs && p.absolute == absolute && Arrays.equals(p.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + (absolute ? 1 : 0);
    }

    @Override
    public String toString() {
        return absolute ? fs.uri(pathString()).toString() : String.join("/", names);
    }
}
