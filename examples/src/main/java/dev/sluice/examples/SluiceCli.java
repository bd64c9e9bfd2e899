package dev.sluice.examples;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.checkpoint.CheckpointVerifier;
import dev.sluice.checkpoint.CommitEntry;
import dev.sluice.checkpoint.OffsetSeq;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code sluice} command line: {@code sluice checkpoint verify DIR} (every file's checksum and every
 * reference a restart follows; one line per problem; exit 0 when sound, 1 when not, 2 when {@code DIR} cannot
 * be read) and {@code sluice checkpoint inspect DIR} (query id, the latest batches with their offsets per
 * source, watermark and commit status, the stateful operators' files, and what a restart would do next). Both
 * read a stopped query's checkpoint and never write to it. Run with {@code examples/bin/sluice} (README).
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, description = "Sluice tools.",
        subcommands = SluiceCli.CheckpointCommand.class)
public final class SluiceCli implements Callable<Integer> {
    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    /** Runs the command line, printing to {@code out}; returns the exit code. */
    static int run(PrintStream out, String... args) {
        CommandLine cli = new CommandLine(new SluiceCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** {@code sluice checkpoint ...}. */
    @Command(name = "checkpoint", mixinStandardHelpOptions = true, description = "Reads a stopped query's checkpoint.",
            subcommands = {VerifyCommand.class, InspectCommand.class, ReplayCommand.class})
    static final class CheckpointCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code sluice checkpoint verify DIR}. */
    @Command(name = "verify", description = "Checks every file's checksum and every reference; one line per"
            + " problem. Exit code 0 when the checkpoint is sound, 1 when not, 2 when DIR cannot be read.")
    static final class VerifyCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the checkpoint folder: a path, a file: URI or a"
                + " Hadoop URI (hdfs://..., s3a://...)", converter = LocationConverter.class)
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            CheckpointVerifier.Report report;
            try {
                report = CheckpointVerifier.verify(dir);
            } catch (CheckpointException e) {
                out.println(e.getMessage());
                return 2;
            }
            report.problems().forEach(out::println);
            out.println((report.ok() ? "OK: " : report.problems().size() + " problem(s) in ") + report.filesChecked()
                    + " files checked in " + dir.toAbsolutePath().normalize());
            return report.ok() ? 0 : 1;
        }
    }

    /** Resolves DIR as a query's checkpointLocation is resolved (remote URIs through checkpoint-hadoop). */
    static final class LocationConverter implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            try {
                return dev.sluice.checkpoint.CheckpointLocation.resolve(value, java.util.Map.of());
            } catch (CheckpointException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code sluice checkpoint inspect DIR}. */
    @Command(name = "inspect", description = "Prints the query id, the latest batches (offsets per source,"
            + " watermark, commit status), the stateful operators and what a restart would do next.")
    static final class InspectCommand implements Callable<Integer> {
        private static final Pattern STATE_FILE = Pattern.compile("(\\d+)\\.(delta|snapshot|rocksdb)");

        @Parameters(index = "0", paramLabel = "DIR", description = "the checkpoint folder: a path, a file: URI or a"
                + " Hadoop URI (hdfs://..., s3a://...)", converter = LocationConverter.class)
        Path dir;

        @Option(names = "--batches", paramLabel = "N", description = "how many of the latest batches to show"
                + " (default ${DEFAULT-VALUE})")
        int batches = 3;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path root = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                out.println("Checkpoint " + root + " is not a folder");
                return 2;
            }
            try {
                inspect(root, out);
                return 0;
            } catch (CheckpointException e) {
                out.println(e.getMessage());
                out.println("Run 'sluice checkpoint verify " + dir + "' to list every problem.");
                return 1;
            }
        }

        private void inspect(Path root, PrintWriter out) throws IOException {
            out.println("Checkpoint " + root);
            Path metadata = root.resolve("metadata");
            if (Files.exists(metadata)) {
                Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"").matcher(CheckpointFile.readText(metadata, 1));
                out.println("Query id: " + (id.find() ? id.group(1) : "(none in metadata)"));
            } else {
                out.println("Query id: none yet (no metadata file)");
            }
            Checkpoint checkpoint = new Checkpoint(root);
            List<Long> offsetIds = checkpoint.offsets().batchIds();
            List<Long> commitIds = checkpoint.commits().batchIds();
            if (offsetIds.isEmpty()) {
                out.println("Batches: none. A start runs batch 0 from the sources' starting offsets.");
            } else {
                out.println("Batches: " + offsetIds.get(0) + ".." + offsetIds.get(offsetIds.size() - 1)
                        + " in offsets/, " + (commitIds.isEmpty() ? "none committed"
                        : "last committed " + commitIds.get(commitIds.size() - 1)));
                for (long id : offsetIds.subList(Math.max(0, offsetIds.size() - batches), offsetIds.size())) {
                    printBatch(checkpoint, id, out);
                }
                // the settings a restart keeps from the log (shuffle partitions, key-groups, ...), as recorded
                OffsetSeq latest = checkpoint.offsets().get(offsetIds.get(offsetIds.size() - 1)).orElseThrow();
                new java.util.TreeMap<>(latest.conf()).forEach((k, v) -> out.println("Setting " + k + " = " + v));
            }
            printOperators(root, out);
            printNext(checkpoint, offsetIds, out);
        }

        private static void printBatch(Checkpoint checkpoint, long id, PrintWriter out) {
            OffsetSeq seq = checkpoint.offsets().get(id).orElseThrow();
            Optional<CommitEntry> commit = checkpoint.commits().get(id);
            out.println("Batch " + id + ": " + (commit.isPresent() ? "committed" : "NOT committed") + ", watermark "
                    + time(seq.batchWatermarkMs()) + ", batch time " + time(seq.batchTimestampMs())
                    + commit.map(c -> ", next watermark " + time(c.nextBatchWatermarkMs())).orElse(""));
            for (int i = 0; i < seq.offsets().size(); i++) {
                String offset = seq.offsets().get(i);
                out.println("  source " + i + ": " + (offset == null ? "(no data yet)" : offset));
            }
        }

        private static String time(long ms) {
            return ms == 0 ? "0" : Instant.ofEpochMilli(ms).toString();
        }

        private static void printOperators(Path root, PrintWriter out) throws IOException {
            Path state = root.resolve("state");
            List<Path> operators = list(state);
            if (operators.isEmpty()) {
                out.println("Operators: none (no state)");
                return;
            }
            out.println("Operators:");
            for (Path op : operators) {
                TreeSet<Long> versions = new TreeSet<>();
                long bytes = 0;
                int partitions = 0;
                String provider = "?";
                for (Path partition : list(op)) {
                    if (!Files.isDirectory(partition)) {
                        continue;
                    }
                    partitions++;
                    try (Stream<Path> files = Files.walk(partition)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            bytes += Files.size(f);
                            Matcher m = STATE_FILE.matcher(f.getFileName().toString());
                            if (m.matches() && f.getParent().equals(partition)) {
                                versions.add(Long.parseLong(m.group(1)));
                                provider = m.group(2).equals("rocksdb") ? "rocksdb" : "in-memory (delta/snapshot files)";
                            }
                        }
                    }
                }
                out.println("  state/" + op.getFileName() + ": " + partitions + " partition(s), provider " + provider
                        + ", versions " + (versions.isEmpty() ? "none" : versions.first() + ".." + versions.last())
                        + ", " + bytes + " bytes on disk");
                Path opMetadata = op.resolve("_metadata");
                if (Files.isRegularFile(opMetadata)) {
                    out.println("    _metadata: " + CheckpointFile.readText(opMetadata, Integer.MAX_VALUE).trim());
                }
            }
        }

        private static void printNext(Checkpoint checkpoint, List<Long> offsetIds, PrintWriter out) {
            if (offsetIds.isEmpty()) {
                return;
            }
            long last = offsetIds.get(offsetIds.size() - 1);
            if (checkpoint.commits().get(last).isPresent()) {
                out.println("Next: a restart plans batch " + (last + 1) + " from the sources, after the offsets of batch "
                        + last + ", with state version " + (last + 1) + ".");
            } else {
                out.println("Next: a restart re-runs batch " + last + " with its logged offsets (from those of batch "
                        + (last - 1) + "), state version " + last + "; exactly-once sinks skip it if they already"
                        + " committed it.");
            }
        }

        private static List<Path> list(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            }
        }
    }
}
