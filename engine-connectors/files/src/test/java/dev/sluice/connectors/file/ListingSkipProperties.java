package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * A file source's listing skips the files it has seen by their URI text, computed without building their path for
 * plain names: that text must be exactly the one the full path gives (the seen-files log records it), and a skipped
 * listing must be the full listing minus the skipped names.
 */
class ListingSkipProperties {
    @Property(tries = 500)
    void thePlainNameShortcutGivesThePathsOwnUriText(
            @ForAll @StringLength(min = 1, max = 12) @CharRange(from = 'a', to = 'z') @Chars({'A', 'Z', '0', '9', '-',
                    '.', '_', '~', '=', '+', ',', '@', ' ', '%', '#', '?', '[', ':', '\u00fc', '&', '$'}) String name,
            @ForAll @StringLength(min = 1, max = 8) @CharRange(from = 'a', to = 'z') @Chars({' ', '%', '=', '\u00fc'})
            String folder) {
        Path parent = FileAccess.path(java.nio.file.Path.of("/tmp", folder));
        String full = FileAccess.child(parent, name).toUri().toString();
        if (FileAccess.plainName(name)) {
            assertThat(FileAccess.childUriPrefix(parent) + name).isEqualTo(full);
        } else {
            // the names the shortcut refuses are those a URI quotes or reads specially
            assertThat(name).matches(s -> s.equals(".") || s.equals("..")
                    || s.chars().anyMatch(c -> " %#?[:\u00fc&$".indexOf(c) >= 0));
        }
    }

    /**
     * A local listing reads the folder's names alone ({@code File.list}) rather than a path per entry through a
     * {@code DirectoryStream}: it must give what the stream gives, entry by entry (paths, sizes, times, folders), and
     * keep the stream's answers for a missing folder (empty) and a file (itself).
     */
    @Property(tries = 30)
    void theNamesListingIsThePathByPathListing(
            @ForAll Set<@StringLength(min = 1, max = 6) @CharRange(from = 'a', to = 'f') @Chars({' ', '%', '=', '.',
                    '_', '#'}) String> names,
            @ForAll Set<@StringLength(min = 1, max = 4) @CharRange(from = 'g', to = 'h') String> folders) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("listing-names");
        try {
            for (String n : names) {
                if (!n.equals(".") && !n.equals("..")) {
                    Files.writeString(dir.resolve(n), n);
                }
            }
            for (String f : folders) {
                Files.createDirectories(dir.resolve(f));
            }
            FileAccess files = FileAccess.defaults();
            Path folder = FileAccess.path(dir);
            List<String> expected = new ArrayList<>();
            try (var entries = Files.newDirectoryStream(dir)) {
                for (java.nio.file.Path entry : entries) {
                    var attributes = Files.readAttributes(entry, java.nio.file.attribute.BasicFileAttributes.class);
                    expected.add(FileAccess.child(folder, entry.getFileName().toString()) + " "
                            + (attributes.isDirectory() ? "dir 0" : "file " + attributes.size()) + " "
                            + attributes.lastModifiedTime().toMillis());
                }
            }
            List<String> listed = new ArrayList<>();
            for (FileStatus f : files.list(folder)) {
                listed.add(f.getPath() + " " + (f.isDirectory() ? "dir " : "file ") + f.getLen() + " "
                        + f.getModificationTime());
            }
            expected.sort(null);
            listed.sort(null);
            assertThat(listed).isEqualTo(expected);
            assertThat(files.list(FileAccess.path(dir.resolve("missing")))).isEmpty();
            java.nio.file.Path file = Files.writeString(dir.resolve("plain"), "x");
            assertThat(files.list(FileAccess.path(file))).extracting(FileStatus::getPath)
                    .containsExactly(FileAccess.path(file));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 30)
    void aListingSkippingSeenNamesIsTheFullListingWithoutThem(
            @ForAll Set<@StringLength(min = 1, max = 6) @CharRange(from = 'a', to = 'f') @Chars({' ', '%', '='}) String>
                    names,
            @ForAll Set<@StringLength(min = 1, max = 6) @CharRange(from = 'a', to = 'f') @Chars({' ', '%', '='}) String>
                    seen) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("listing-skip");
        try {
            for (String n : names) {
                Files.writeString(dir.resolve(n), n);
            }
            FileAccess files = FileAccess.defaults();
            Path folder = FileAccess.path(dir);
            Set<String> seenUris = new TreeSet<>();
            for (String n : seen) {
                seenUris.add(FileAccess.child(folder, n).toUri().toString());
            }
            List<String> expected = new ArrayList<>();
            for (FileStatus f : files.list(folder)) {
                if (!seenUris.contains(f.getPath().toUri().toString())) {
                    expected.add(f.getPath() + " " + f.getLen() + " " + f.getModificationTime());
                }
            }
            List<String> skipped = new ArrayList<>();
            for (FileStatus f : files.list(folder, seenUris::contains)) {
                skipped.add(f.getPath() + " " + f.getLen() + " " + f.getModificationTime());
            }
            expected.sort(null);
            skipped.sort(null);
            assertThat(skipped).isEqualTo(expected);
            // and through the listing a file source makes, with partition discovery and sorting
            FormatOptions options = FormatOptions.of(Map.of(), java.time.ZoneId.of("UTC"));
            List<FileListing.SourceFile> all = FileListing.list(List.of(dir.toString()), options);
            List<FileListing.SourceFile> unseen = FileListing.list(List.of(dir.toString()), options, seenUris::contains);
            assertThat(unseen).isEqualTo(all.stream()
                    .filter(f -> !seenUris.contains(f.path().toUri().toString())).toList());
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
