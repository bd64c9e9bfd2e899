package dev.sluice.connectors.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;

/**
 * One JVM-wide {@link WatchService} (inotify on Linux: one inotify instance and one JDK poller thread, whatever the
 * number of watched folders) and a count of the change events seen per watched local folder. A streaming file source
 * registers its folder once ({@link #register}) and reads the count before and after listing it; a count that moved
 * means the folder changed (an entry created, deleted or modified, or events lost: {@code OVERFLOW}).
 *
 * <p>Guarantee: only that a change whose event the JDK has delivered moves the count. The JDK's poller delivers events
 * asynchronously, so a count that did not move is <em>not</em> a proof that nothing changed; {@link ListingHint}
 * proves it with the folder's own status. Two sources watching one folder share its key (the JDK returns the same
 * one) and its count; the key is cancelled when the last of them closes.
 *
 * <p>Threading: every method is thread-safe (one lock; events are drained under it).
 */
final class FolderWatches {
    private static WatchService service;
    private static final Map<WatchKey, Watched> KEYS = new HashMap<>();

    /** A watched folder's key, event count and users. */
    private static final class Watched {
        final WatchKey key;
        long changes;
        long overflows;
        int users;

        Watched(WatchKey key) {
            this.key = key;
        }
    }

    private FolderWatches() {
    }

    /** Registers a folder with a watch service: the production way is {@link FolderWatches#register}. */
    @FunctionalInterface
    interface Registrar {
        /** A registration of {@code folder}; an {@link IOException} when it cannot be watched. */
        Registration register(Path folder) throws IOException;
    }

    /** One source's use of a watched folder. */
    interface Registration extends AutoCloseable {
        /** How many change events (overflows included) the folder has had since it was first registered. */
        long changes();

        /** Whether the watch still holds (false once the folder was deleted or moved away). */
        boolean valid();

        /** Releases this use; the last one cancels the watch. */
        @Override
        void close();
    }

    /**
     * Watches {@code folder} (an existing local folder) for created, deleted and modified entries.
     *
     * @throws IOException when it cannot be watched: missing, not a folder, or the system's watch limits reached
     */
    static synchronized Registration register(Path folder) throws IOException {
        if (service == null) {
            service = FileSystems.getDefault().newWatchService();
        }
        // the JDK returns the key it already has for the same folder (inode), a new one for a folder replaced since
        WatchKey k = folder.toAbsolutePath().normalize().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        Watched watched = KEYS.computeIfAbsent(k, Watched::new);
        watched.users++;
        Watched w = watched;
        return new Registration() {
            private boolean closed;

            @Override
            public long changes() {
                synchronized (FolderWatches.class) {
                    drain();
                    return w.changes;
                }
            }

            @Override
            public boolean valid() {
                return w.key.isValid();
            }

            @Override
            public void close() {
                synchronized (FolderWatches.class) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (--w.users == 0) {
                        w.key.cancel();
                        KEYS.remove(w.key);
                    }
                }
            }
        };
    }

    /** Overflow events seen for {@code folder} (tests: the JDK keeps at most 512 events per key). */
    static synchronized long overflows(Path folder) {
        drain();
        Path path = folder.toAbsolutePath().normalize();
        return KEYS.values().stream().filter(w -> w.key.watchable().equals(path)).mapToLong(w -> w.overflows).sum();
    }

    /** Counts the events the poller has delivered, for every watched folder. Caller holds the lock. */
    private static void drain() {
        if (service == null) {
            return;
        }
        for (WatchKey k = service.poll(); k != null; k = service.poll()) {
            Watched w = KEYS.get(k);
            for (WatchEvent<?> event : k.pollEvents()) {
                if (w != null) {
                    w.changes++;
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        w.overflows++;
                    }
                }
            }
            if (w != null) {
                w.changes++; // a signalled key is a change even if its events were taken (and counted) already
            }
            k.reset();
        }
    }
}
