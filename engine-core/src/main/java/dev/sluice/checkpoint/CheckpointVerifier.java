package dev.sluice.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Checks a stopped query's checkpoint without running it (what {@code sluice checkpoint verify} prints): the
 * checksum of every file Sluice verifies on read (docs/OPERATIONS.md, "Verified files"), and the references a
 * restart follows: a commit has its offsets, an uncommitted last batch has the offsets of the batch before, a file
 * source's latest offset has its log batch, every state partition can load the version the restart needs, a RocksDB
 * manifest's files exist with their recorded checksums. Hidden temporary files are ignored (a start deletes them).
 * Stateless and thread-safe.
 */
public final class CheckpointVerifier {
    private static final Pattern BATCH = Pattern.compile("\\d+");
    private static final Pattern LOG_FILE = Pattern.compile("(\\d+)(\\.compact)?");
    private static final Pattern LOG_OFFSET = Pattern.compile("\\{\"logOffset\":(\\d+)}");
    private static final Pattern STATE_FILE = Pattern.compile("(\\d+)\\.(delta|snapshot|rocksdb)");

    /** One thing wrong: the file (relative to the checkpoint, '/' separated) and what is wrong with it. */
    public record Problem(String file, String what) {
        @Override
        public String toString() {
            return file + ": " + what;
        }
    }

    private final Path root;
    private final List<Problem> problems = new ArrayList<>();
    private int filesChecked;

    private CheckpointVerifier(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The result of a verification: the problems found (none means the checkpoint is sound) and files checked. */
    public record Report(List<Problem> problems, int filesChecked) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Verifies the checkpoint in {@code root}.
     *
     * @throws CheckpointException ({@code IO_ERROR}) when {@code root} is not a folder or cannot be listed
     */
    public static Report verify(Path root) {
        if (!Files.isDirectory(root)) {
            throw new CheckpointException("IO_ERROR", "Checkpoint " + root + " is not a folder", null);
        }
        CheckpointVerifier v = new CheckpointVerifier(root);
        v.run();
        return new Report(List.copyOf(v.problems), v.filesChecked);
    }

    private void problem(Path file, String what) {
        problems.add(new Problem(relative(file), what));
    }

    private String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private void run() {
        Path metadata = root.resolve("metadata");
        TreeMap<Long, Path> offsets = batches(root.resolve("offsets"));
        TreeMap<Long, Path> commits = batches(root.resolve("commits"));
        if (Files.exists(metadata)) {
            String text = framed(metadata);
            if (text != null && !text.contains("\"id\"")) {
                problem(metadata, "it has no query id");
            }
        } else if (!offsets.isEmpty() || !commits.isEmpty()) {
            problem(metadata, "missing: the offset and commit logs exist but the query id is lost");
        }
        TreeMap<Long, OffsetSeq> offsetEntries = new TreeMap<>();
        offsets.forEach((id, file) -> {
            String text = framed(file);
            if (text != null) {
                try {
                    offsetEntries.put(id, OffsetSeq.parse(file, text));
                } catch (RuntimeException e) {
                    problem(file, "its content cannot be parsed (" + e.getMessage() + ")");
                }
            }
        });
        commits.forEach((id, file) -> {
            String text = framed(file);
            if (text != null) {
                try {
                    CommitEntry.parse(file, text);
                } catch (RuntimeException e) {
                    problem(file, "its content cannot be parsed (" + e.getMessage() + ")");
                }
            }
            if (!offsets.containsKey(id)) {
                problem(file, "batch " + id + " is committed but offsets/" + id + " does not exist");
            }
        });
        long nextStateVersion = commits.isEmpty() ? 0 : commits.lastKey() + 1;
        if (!offsets.isEmpty()) {
            long last = offsets.lastKey();
            if (!commits.containsKey(last) && last > 0 && !offsets.containsKey(last - 1)) {
                problem(offsets.get(last), "batch " + last + " is not committed and re-running it needs offsets/"
                        + (last - 1) + ", which does not exist");
            }
            OffsetSeq latest = offsetEntries.get(last);
            if (latest != null) {
                checkSourceOffsets(latest, offsets.get(last));
            }
        }
        checkSources();
        checkState(nextStateVersion);
    }

    /** File {@code N} entries of {@code dir} by batch id (empty when the folder is missing). */
    private TreeMap<Long, Path> batches(Path dir) {
        TreeMap<Long, Path> out = new TreeMap<>();
        for (Path p : list(dir)) {
            if (BATCH.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
                out.put(Long.parseLong(p.getFileName().toString()), p);
            }
        }
        return out;
    }

    private List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot list " + dir + ": " + e, e);
        }
    }

    /** The payload of a {@link CheckpointFile}, or null (a problem recorded) when it is damaged. */
    private String framed(Path file) {
        filesChecked++;
        try {
            return new String(CheckpointFile.read(file, MetadataLog.VERSION, (f, why) -> new Damaged(why)),
                    StandardCharsets.UTF_8);
        } catch (Damaged e) {
            problem(file, "corrupted: " + e.getMessage());
        } catch (CheckpointException e) {
            problem(file, e.getMessage().replaceFirst("^\\[[A-Z_.]+] ", ""));
        }
        return null;
    }

    /** Why a file is damaged, without the message decoration of {@link CheckpointFile#corrupted}. */
    private static final class Damaged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Damaged(String why) {
            super(why, null, false, false);
        }
    }

    /** A file source's latest offset ({@code {"logOffset":N}}) needs its batch in {@code sources/<i>/}. */
    private void checkSourceOffsets(OffsetSeq latest, Path offsetsFile) {
        for (int i = 0; i < latest.offsets().size(); i++) {
            String offset = latest.offsets().get(i);
            Matcher m = offset == null ? null : LOG_OFFSET.matcher(offset.trim());
            if (m == null || !m.matches()) {
                continue;
            }
            long batch = Long.parseLong(m.group(1));
            boolean covered = false;
            for (Path p : list(root.resolve("sources").resolve(Integer.toString(i)))) {
                Matcher f = LOG_FILE.matcher(p.getFileName().toString());
                long id = f.matches() ? Long.parseLong(f.group(1)) : -1;
                covered |= id == batch || (f.matches() && f.group(2) != null && id >= batch);
            }
            if (!covered) {
                problem(offsetsFile, "source " + i + " is at log batch " + batch + " but sources/" + i + "/" + batch
                        + " (or a compact file covering it) does not exist");
            }
        }
    }

    /** Every batch file of every source folder: a Sluice file (Kafka, rate) or a checksummed JSON-lines log. */
    private void checkSources() {
        for (Path source : list(root.resolve("sources"))) {
            for (Path file : list(source)) {
                if (!LOG_FILE.matcher(file.getFileName().toString()).matches() || !Files.isRegularFile(file)) {
                    continue;
                }
                byte[] bytes = bytes(file);
                if (bytes == null) {
                    continue;
                }
                if (LogChecksum.carriesChecksum(bytes) || !looksFramed(bytes)) {
                    checkLog(file, bytes);
                } else {
                    framed(file);
                }
            }
        }
    }

    private static boolean looksFramed(byte[] bytes) {
        String tail = new String(bytes, Math.max(0, bytes.length - 16), Math.min(16, bytes.length),
                StandardCharsets.US_ASCII);
        return tail.startsWith("\ncrc32=") || tail.contains("crc32=");
    }

    private void checkLog(Path file, byte[] bytes) {
        filesChecked++;
        String problem = LogChecksum.problem(bytes);
        if (problem != null) {
            problem(file, "corrupted: " + problem);
            return;
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (!lines[0].equals("v1")) {
            problem(file, "corrupted: its version line is not v1");
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode entry = CheckpointJson.readTree(file, lines[i], "not JSON");
                if (entry == null || !entry.isObject() || !entry.has("path")) {
                    problem(file, "corrupted: line " + (i + 1) + " is not a log entry with a path");
                }
            } catch (CheckpointException e) {
                problem(file, "corrupted: line " + (i + 1) + " is not JSON");
            }
        }
    }

    private byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            problem(file, "cannot be read: " + e);
            return null;
        }
    }

    /**
     * State files: each delta, snapshot and RocksDB manifest verified, a manifest's files checked, and every
     * partition able to load {@code needed} (the version after the last committed batch).
     */
    private void checkState(long needed) {
        for (Path operator : list(root.resolve("state"))) {
            for (Path partition : list(operator)) {
                if (!Files.isDirectory(partition) || !BATCH.matcher(partition.getFileName().toString()).matches()) {
                    if (Files.isRegularFile(partition) && looksFramed(bytesOrEmpty(partition))) {
                        framed(partition); // e.g. state/<op>/_metadata
                    }
                    continue;
                }
                checkPartition(partition, needed);
            }
        }
    }

    private byte[] bytesOrEmpty(Path file) {
        byte[] b = bytes(file);
        return b == null ? new byte[0] : b;
    }

    private void checkPartition(Path partition, long needed) {
        TreeSet<Long> deltas = new TreeSet<>();
        TreeSet<Long> snapshots = new TreeSet<>();
        TreeSet<Long> manifests = new TreeSet<>();
        for (Path file : list(partition)) {
            Matcher m = STATE_FILE.matcher(file.getFileName().toString());
            if (!m.matches() || !Files.isRegularFile(file)) {
                continue;
            }
            long version = Long.parseLong(m.group(1));
            String text = framed(file);
            switch (m.group(2)) {
                case "delta" -> deltas.add(version);
                case "snapshot" -> snapshots.add(version);
                default -> {
                    manifests.add(version);
                    if (text != null) {
                        checkManifest(partition, version, file, text);
                    }
                }
            }
        }
        if (needed == 0 || (deltas.isEmpty() && snapshots.isEmpty() && manifests.isEmpty())) {
            return;
        }
        String where = relative(partition);
        if (!manifests.isEmpty()) {
            if (!manifests.contains(needed)) {
                problems.add(new Problem(where + "/" + needed + ".rocksdb", "missing: the restart loads state version "
                        + needed));
            }
            return;
        }
        Long base = snapshots.floor(needed);
        for (long v = base == null ? 1 : base + 1; v <= needed; v++) {
            if (!deltas.contains(v)) {
                problems.add(new Problem(where + "/" + v + ".delta", "missing: the restart loads state version "
                        + needed + " from " + (base == null ? "the deltas 1.." : "snapshot " + base + " and deltas ")
                        + (base == null ? needed : (base + 1) + ".." + needed)));
            }
        }
    }

    private void checkManifest(Path partition, long version, Path manifestFile, String text) {
        JsonNode manifest;
        try {
            manifest = CheckpointJson.readTree(manifestFile, text, "not JSON");
        } catch (CheckpointException e) {
            problem(manifestFile, "corrupted: it is not a RocksDB manifest");
            return;
        }
        JsonNode sums = manifest.path("sstChecksums");
        manifest.path("sstFiles").fields().forEachRemaining(e -> checkCopy(partition.resolve("sst")
                .resolve(e.getValue().asText()), sums.get(e.getValue().asText()), manifestFile));
        JsonNode metaSums = manifest.path("metadataChecksums");
        manifest.path("metadataFiles").forEach(name -> checkCopy(partition.resolve(version + ".meta")
                .resolve(name.asText()), metaSums.get(name.asText()), manifestFile));
    }

    private void checkCopy(Path file, JsonNode expected, Path manifestFile) {
        if (!Files.isRegularFile(file)) {
            problem(file, "missing: " + relative(manifestFile) + " lists it");
            return;
        }
        filesChecked++;
        if (expected == null || !expected.canConvertToLong()) {
            return; // a manifest written before checksums
        }
        byte[] bytes = bytes(file);
        if (bytes == null) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (crc.getValue() != expected.asLong()) {
            problem(file, String.format("corrupted: its checksum does not match (expected %08x, found %08x)",
                    expected.asLong(), crc.getValue()));
        }
    }
}
