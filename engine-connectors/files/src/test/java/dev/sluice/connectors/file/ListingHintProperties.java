package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.Offset;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random file operations between triggers (files created, renamed in, hidden files written and renamed, files
 * deleted or modified in place, a sub-folder and files in it), a file source with the listing hint takes exactly the
 * files, batch by batch, that the same source listing its folder every trigger takes: the hint's skips never lose a
 * file. The hint's clock is set ahead so it trusts every folder status (the most skips); the run waits a kernel
 * clock tick after each trigger, so a change always moves the folder's time.
 */
class ListingHintProperties {
    /** One operation on the watched folder: its kind and a file number. */
    record Op(int kind, int file) {
    }

    /** Listings skipped over all tries: the property must exercise the skip, not only the fallback. */
    private static final java.util.concurrent.atomic.AtomicLong SKIPPED = new java.util.concurrent.atomic.AtomicLong();

    @net.jqwik.api.lifecycle.AfterContainer
    static void theSkipWasExercised() {
        assertThat(SKIPPED.get()).isPositive();
    }

    @Provide
    Arbitrary<List<List<Op>>> rounds() {
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 7)).as(Op::new);
        return op.list().ofMaxSize(3).list().ofMinSize(3).ofMaxSize(8);
    }

    @Property(tries = 25)
    void theHintedListingTakesWhatTheFullListingTakes(@ForAll("rounds") List<List<Op>> rounds) throws Exception {
        Path dir = Files.createTempDirectory("listing-hint");
        Path in = Files.createDirectories(dir.resolve("in"));
        FileStreamSource hinted = source(in, dir.resolve("meta-hinted"));
        ListingHint hint = new ListingHint(in, FolderWatches::register, ListingHintTest.AHEAD);
        hinted.useHint(hint);
        FileStreamSource full = source(in, dir.resolve("meta-full"));
        full.useHint(null);
        try {
            Offset h = null;
            Offset f = null;
            int version = 0;
            for (List<Op> round : rounds) {
                for (Op op : round) {
                    apply(op, in, dir, version++);
                }
                Offset h1 = hinted.latestOffset(h, hinted.defaultReadLimit());
                Offset f1 = full.latestOffset(f, full.defaultReadLimit());
                assertThat(h1).isEqualTo(f1);
                assertThat(ListingHintTest.names(hinted, h, h1)).isEqualTo(ListingHintTest.names(full, f, f1));
                h = h1;
                f = f1;
                ListingHintTest.tick();
            }
            SKIPPED.addAndGet(hint.skipped());
        } finally {
            hinted.stop();
            full.stop();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static FileStreamSource source(Path in, Path meta) {
        Map<String, String> options = Map.of("path", in.toString());
        return new FileStreamSource(FileFormats.forName("text"), FormatOptions.of(options, ZoneId.of("UTC")),
                new FileStreamOptions(options, FileAccess.defaults()), StructType.fromDDL("value STRING"),
                new StructType(), FileAccess.path(meta), CompactibleFileLog.Settings.defaults(), 1);
    }

    private static void apply(Op op, Path in, Path dir, int version) throws Exception {
        String name = "f" + op.file() + ".txt";
        Path target = in.resolve(name);
        String content = name + "@" + version + "\n";
        switch (op.kind()) {
            case 0, 1 -> Files.writeString(target, content); // created (or rewritten) in place
            case 2 -> { // renamed in from outside the folder
                Path staged = Files.createDirectories(dir.resolve("staging")).resolve(name);
                Files.writeString(staged, content);
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            case 3 -> Files.writeString(in.resolve("." + name + ".tmp"), content); // hidden: never read
            case 4 -> { // a hidden temp file renamed to its name
                Path tmp = in.resolve("." + name + ".tmp");
                Files.writeString(tmp, content);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            case 5 -> Files.deleteIfExists(target);
            case 6 -> { // modified in place: a new time, the folder's own time unchanged
                if (Files.exists(target)) {
                    Files.setLastModifiedTime(target, FileTime.fromMillis(System.currentTimeMillis() + version));
                }
            }
            case 7 -> Files.createDirectories(in.resolve("sub" + op.file() % 2));
            case 8 -> Files.writeString(Files.createDirectories(in.resolve("sub" + op.file() % 2)).resolve(name), content);
            default -> {
                // nothing changes
            }
        }
    }
}
