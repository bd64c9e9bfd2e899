package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.Offset;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file source skips listing its local folder only when the folder is provably as the last listing left it
 * ({@link ListingHint}): every way a file can arrive is still picked up at the next trigger, and the listing runs every
 * trigger when the folder cannot be watched, holds a sub-folder, or changed within a clock tick of the listing.
 */
class ListingHintTest {
    /** A clock far enough ahead that every folder status is past the racy window (the tests sleep past a tick). */
    static final LongSupplier AHEAD = () -> System.currentTimeMillis() + 10 * ListingHint.RACY_MS;

    /** A watch that never reports a change: what a watch whose events are not delivered yet looks like. */
    static final FolderWatches.Registration SILENT = new FolderWatches.Registration() {
        @Override
        public long changes() {
            return 0;
        }

        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    private final List<FileStreamSource> sources = new ArrayList<>();

    @AfterEach
    void stopSources() {
        sources.forEach(FileStreamSource::stop);
    }

    FileStreamSource source(Path in, String name, ListingHint hint) {
        Map<String, String> options = Map.of("path", in.toString());
        FileStreamSource source = new FileStreamSource(FileFormats.forName("text"),
                FormatOptions.of(options, ZoneId.of("UTC")), new FileStreamOptions(options, FileAccess.defaults()),
                StructType.fromDDL("value STRING"), new StructType(), FileAccess.path(dir.resolve("meta-" + name)),
                CompactibleFileLog.Settings.defaults(), 1);
        source.useHint(hint);
        sources.add(source);
        return source;
    }

    static ListingHint hint(Path in, LongSupplier clock) {
        return new ListingHint(in, FolderWatches::register, clock);
    }

    /** The files of the source's batches after {@code start} up to its latest offset, by name. */
    static List<String> names(FileStreamSource source, Offset start, Offset end) {
        List<String> out = new ArrayList<>();
        if (end == null) {
            return out;
        }
        source.read(start, end).forEach(chunk -> {
            for (int r = 0; r < chunk.rowCount(); r++) {
                out.add(chunk.column(0).getString(r));
            }
        });
        return out;
    }

    static void write(Path file, String content) throws IOException {
        Files.writeString(file, content + "\n");
    }

    /** Lets the kernel's clock tick (file times are coarse) before the next change. */
    static void tick() throws InterruptedException {
        Thread.sleep(15);
    }

    @Test
    void anUnchangedFolderIsNotListedAgainAndEveryWayInIsSeenAtTheNextTrigger() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        write(in.resolve("a.txt"), "a");
        ListingHint hint = hint(in, AHEAD);
        FileStreamSource source = source(in, "s", hint);
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        assertThat(names(source, null, o0)).containsExactly("a");
        tick();
        Offset same = source.latestOffset(o0, source.defaultReadLimit());
        source.latestOffset(o0, source.defaultReadLimit());
        assertThat(same).isEqualTo(o0);
        assertThat(hint.skipped()).isEqualTo(2);
        // created in place: the folder's time moved (its watch event may not be delivered yet)
        write(in.resolve("b.txt"), "b");
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit());
        assertThat(names(source, o0, o1)).containsExactly("b");
        tick();
        // renamed in from another folder, the source's contract for writers
        Path outside = Files.createDirectories(dir.resolve("staging"));
        write(outside.resolve("c.txt"), "c");
        Files.move(outside.resolve("c.txt"), in.resolve("c.txt"), StandardCopyOption.ATOMIC_MOVE);
        Offset o2 = source.latestOffset(o1, source.defaultReadLimit());
        assertThat(names(source, o1, o2)).containsExactly("c");
        tick();
        // a hidden temp file renamed to its name inside the folder
        write(in.resolve(".d.txt.tmp"), "d");
        Offset none = source.latestOffset(o2, source.defaultReadLimit());
        assertThat(none).isEqualTo(o2);
        tick();
        Files.move(in.resolve(".d.txt.tmp"), in.resolve("d.txt"), StandardCopyOption.ATOMIC_MOVE);
        Offset o3 = source.latestOffset(o2, source.defaultReadLimit());
        assertThat(names(source, o2, o3)).containsExactly("d");
        assertSkipsSoon(source, o3, hint);
    }

    /**
     * With nothing changing, a trigger soon skips the listing: the watch may still deliver the events of the last
     * change after the listing read its count (the next listing then runs once more, finding nothing).
     */
    static void assertSkipsSoon(FileStreamSource source, Offset latest, ListingHint hint) throws InterruptedException {
        long before = hint.skipped();
        for (int i = 0; i < 5 && hint.skipped() == before; i++) {
            tick();
            assertThat(source.latestOffset(latest, source.defaultReadLimit())).isEqualTo(latest);
        }
        assertThat(hint.skipped()).isGreaterThan(before);
    }

    @Test
    void theFoldersTimeIsTheProofWhenTheWatchHasNotReportedYet() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        write(in.resolve("a.txt"), "a");
        ListingHint hint = new ListingHint(in, folder -> SILENT, AHEAD);
        FileStreamSource source = source(in, "s", hint);
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        tick();
        assertThat(source.latestOffset(o0, source.defaultReadLimit())).isEqualTo(o0);
        assertThat(hint.skipped()).isEqualTo(1);
        write(in.resolve("b.txt"), "b");
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit());
        assertThat(names(source, o0, o1)).containsExactly("b");
        tick();
        Files.delete(in.resolve("a.txt")); // a deletion moves the time too: listed, nothing new
        assertThat(source.latestOffset(o1, source.defaultReadLimit())).isEqualTo(o1);
        assertThat(hint.skipped()).isEqualTo(1);
        // the same folder name, another folder (another inode), its time set to the old one's
        var time = Files.getLastModifiedTime(in);
        Path moved = dir.resolve("old-in");
        Files.move(in, moved);
        Files.createDirectories(in);
        write(in.resolve("c.txt"), "c");
        Files.setLastModifiedTime(in, time);
        Offset o2 = source.latestOffset(o1, source.defaultReadLimit());
        assertThat(names(source, o1, o2)).containsExactly("c");
    }

    @Test
    void aChangeWithinAClockTickOfTheListingIsNeverTrusted() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        write(in.resolve("a.txt"), "a");
        // every listing half a racy window after the folder's last change, and a watch that never reports: only the
        // racy rule is left
        LongSupplier justAfter = () -> {
            try {
                return Files.getLastModifiedTime(in).toMillis() + ListingHint.RACY_MS / 2;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        ListingHint hint = new ListingHint(in, folder -> SILENT, justAfter);
        FileStreamSource source = source(in, "s", hint);
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        source.latestOffset(o0, source.defaultReadLimit());
        source.latestOffset(o0, source.defaultReadLimit());
        assertThat(hint.skipped()).isZero();
        // a file added with the folder's time set back to what it was: the time alone cannot see it
        var before = Files.getLastModifiedTime(in);
        write(in.resolve("b.txt"), "b");
        Files.setLastModifiedTime(in, before);
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit());
        assertThat(names(source, o0, o1)).containsExactly("b");
    }

    @Test
    void aFolderThatCannotBeWatchedIsListedEveryTrigger() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        write(in.resolve("a.txt"), "a");
        ListingHint hint = new ListingHint(in, folder -> {
            throw new IOException("User limit of inotify instances reached or too many open files");
        }, AHEAD);
        FileStreamSource source = source(in, "s", hint);
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        tick();
        source.latestOffset(o0, source.defaultReadLimit());
        write(in.resolve("b.txt"), "b");
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit());
        assertThat(names(source, o0, o1)).containsExactly("b");
        assertThat(hint.skipped()).isZero();
    }

    @Test
    void aFolderMissingAtTheStartIsWatchedOnceItExists() throws Exception {
        Path in = dir.resolve("later");
        ListingHint hint = hint(in, AHEAD);
        FileStreamSource source = source(in, "s", hint);
        assertThat(source.latestOffset(null, source.defaultReadLimit())).isNull();
        assertThat(source.latestOffset(null, source.defaultReadLimit())).isNull();
        Files.createDirectories(in);
        write(in.resolve("a.txt"), "a");
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        assertThat(names(source, null, o0)).containsExactly("a");
        tick();
        source.latestOffset(o0, source.defaultReadLimit());
        assertThat(hint.skipped()).isEqualTo(1);
    }

    @Test
    void aFolderWithASubFolderIsListedEveryTrigger() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path sub = Files.createDirectories(in.resolve("sub"));
        write(in.resolve("a.txt"), "a");
        ListingHint hint = hint(in, AHEAD);
        FileStreamSource source = source(in, "s", hint);
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        tick();
        source.latestOffset(o0, source.defaultReadLimit());
        write(sub.resolve("b.txt"), "b"); // changes the sub-folder's time, not the folder's
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit());
        assertThat(names(source, o0, o1)).containsExactly("b");
        assertThat(hint.skipped()).isZero();
    }

    @Test
    void moreEventsThanTheWatchKeepsOverflowAndEveryFileIsListed() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        write(in.resolve("a.txt"), "a");
        ListingHint hint = hint(in, AHEAD);
        FileStreamSource source = source(in, "s", hint);
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        tick();
        for (int i = 0; i < 600; i++) { // the JDK keeps 512 events per key, then signals OVERFLOW
            write(in.resolve("f" + i + ".txt"), "f" + i);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (FolderWatches.overflows(in) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(FolderWatches.overflows(in)).isPositive();
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit());
        assertThat(names(source, o0, o1)).hasSize(600);
        assertSkipsSoon(source, o1, hint);
    }

    @Test
    void aFileLeftAsideByMaxFilesPerTriggerKeepsTheListingGoing() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        write(in.resolve("a.txt"), "a");
        write(in.resolve("b.txt"), "b");
        Map<String, String> options = Map.of("path", in.toString(), "maxFilesPerTrigger", "1");
        FileStreamSource source = new FileStreamSource(FileFormats.forName("text"),
                FormatOptions.of(options, ZoneId.of("UTC")), new FileStreamOptions(options, FileAccess.defaults()),
                StructType.fromDDL("value STRING"), new StructType(), FileAccess.path(dir.resolve("meta")),
                CompactibleFileLog.Settings.defaults(), 1);
        sources.add(source);
        ListingHint hint = hint(in, AHEAD);
        source.useHint(hint);
        tick();
        Offset o0 = source.latestOffset(null, source.defaultReadLimit());
        Offset o1 = source.latestOffset(o0, source.defaultReadLimit());
        assertThat(names(source, null, o1)).hasSize(2);
        assertThat(hint.skipped()).isZero();
    }
}
