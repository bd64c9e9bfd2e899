package dev.sluice.connectors.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a streaming file source when listing its local folder again would find nothing new, so the trigger can skip
 * the listing. The folder is watched ({@link FolderWatches}, inotify on Linux); a listing may be skipped only when
 * <em>both</em> say the folder is as it was at the last listing the source trusted:
 * <ul>
 *   <li>the watch delivered no event for it since (any event, overflow included, means list);
 *   <li>the folder's status is the same: same modification time (nanoseconds where the file system keeps them) and
 *   same file key (device and inode: a folder replaced by another is not the same folder).
 * </ul>
 * The status is the proof, the watch only a hint: the JDK delivers events asynchronously, so a file renamed in just
 * before the trigger may not have its event yet, but it has moved the folder's modification time. A folder's time has
 * the granularity of the kernel's clock tick, so a change in the same tick as the listing could leave it equal: a
 * status read less than {@link #RACY_MS} after the folder's modification time is never trusted (the listing runs
 * again at the next trigger), as git treats a "racily clean" index entry.
 *
 * <p>What the status cannot see, the caller must exclude by only trusting a listing ({@link #afterListing}) that
 * listed this one folder and no sub-folder (a file added in a sub-folder changes only the sub-folder), and after which
 * no listed file was left aside (a file modified in place changes only itself: one left aside as too old could become
 * new). When the folder cannot be watched (missing when the source starts, the system's inotify limits reached, not a
 * local folder), the registration is retried at each listing and the folder is listed every trigger meanwhile.
 *
 * <p>Threading: confined to the query's execution thread (the watch registry is thread-safe).
 */
final class ListingHint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListingHint.class);
    /** A folder status younger than this at the listing is not trusted: coarse timestamps (a kernel tick). */
    static final long RACY_MS = 1000;

    private final Path folder;
    private final FolderWatches.Registrar registrar;
    private final LongSupplier clockMs;
    private FolderWatches.Registration watch;
    /** The file key (inode) of the folder when the watch was registered: a folder replaced since is registered anew. */
    private Object watchedKey;
    private boolean warned;
    /** The folder's state before the listing in progress, or null when it cannot be trusted. */
    private State pending;
    /** The folder's state at the last trusted listing, or null: list. */
    private State trusted;
    private long skipped;

    /**
     * What says a folder has not changed: the watch's event count and the folder's status. A class, not a record: a
     * record's generated {@code equals} bootstraps {@code ObjectMethods} (dozens of classes) on a query's first trigger
     * ({@code ParquetSinkColdStartTest}).
     */
    private static final class State {
        final long changes;
        final FileTime modified;
        final Object fileKey;

        State(long changes, FileTime modified, Object fileKey) {
            this.changes = changes;
            this.modified = modified;
            this.fileKey = fileKey;
        }

        boolean sameAs(State other) {
            return other != null && changes == other.changes && modified.equals(other.modified)
                    && fileKey.equals(other.fileKey);
        }
    }

    ListingHint(Path folder, FolderWatches.Registrar registrar, LongSupplier clockMs) {
        this.folder = folder;
        this.registrar = registrar;
        this.clockMs = clockMs;
    }

    /**
     * The hint for a streaming source reading {@code path}, or null when it has none: not one local folder (a glob,
     * a remote file system).
     */
    static ListingHint forSource(FileAccess files, String path) {
        if (FileListing.isGlob(path)) {
            return null;
        }
        Path local;
        try {
            local = files.localFile(files.qualify(path));
        } catch (RuntimeException e) {
            return null; // the listing reports a bad path as it always has
        }
        return local == null ? null : new ListingHint(local, FolderWatches::register, System::currentTimeMillis);
    }

    /** Whether the folder is provably as it was at the last trusted listing: the trigger may skip listing it. */
    boolean unchanged() {
        if (trusted == null || watch == null || !watch.valid()) {
            return false;
        }
        State now = state();
        boolean same = trusted.sameAs(now);
        if (same) {
            skipped++;
        }
        return same;
    }

    /** Before a full listing: records the folder's state (and registers the watch if it is not yet). */
    void beforeListing() {
        trusted = null;
        if (watch == null || !watch.valid()) {
            register();
        }
        if (watch == null) {
            pending = null;
            return;
        }
        long start = clockMs.getAsLong();
        State s = state();
        if (s != null && !s.fileKey.equals(watchedKey)) {
            register(); // the folder was replaced (the watch follows the old one): watch the new one
            s = watch == null ? null : state();
        }
        // a folder changed within a clock tick of now could change again with the same time: not a proof
        pending = s != null && s.modified.toMillis() < start - RACY_MS ? s : null;
    }

    /**
     * After the listing: {@code trustworthy} when it listed this one folder (no sub-folder, no file sink log) and the
     * source took every file it returned; only then may the next trigger skip a listing.
     */
    void afterListing(boolean trustworthy) {
        trusted = trustworthy ? pending : null;
        pending = null;
    }

    /** How many listings {@link #unchanged} let the source skip (tests). */
    long skipped() {
        return skipped;
    }

    private void register() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        try {
            watchedKey = fileKey();
            watch = registrar.register(folder);
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true; // once per source: the source lists every trigger, as without a hint
                LOG.info("Listing {} at every trigger: it cannot be watched ({})", folder, e.toString());
            }
        }
    }

    /** The folder's file key (inode), or null when it cannot be read. */
    private Object fileKey() {
        try {
            return Files.readAttributes(folder, BasicFileAttributes.class).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The watch count and the folder's status, or null when the folder cannot be read (never trusted). */
    private State state() {
        long changes = watch.changes();
        try {
            BasicFileAttributes a = Files.readAttributes(folder, BasicFileAttributes.class);
            if (!a.isDirectory() || a.fileKey() == null) {
                return null; // no inode to tell a replaced folder from the same one: never trusted
            }
            return new State(changes, a.lastModifiedTime(), a.fileKey());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }
}
