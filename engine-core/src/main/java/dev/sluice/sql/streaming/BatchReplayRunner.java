package dev.sluice.sql.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.sql.Column;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.functions;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs {@link DataStreamWriter#replay}: copies the query's checkpoint into a scratch folder, removes from the copy
 * the commit of the batch and everything after it, and starts the query on the copy with {@code Trigger.Once()} and
 * a collecting sink. The engine then takes the path it takes after a crash: it re-runs the batch from its logged
 * offsets ({@code offsets/<id>}, and the sources' own logs such as the file source's {@code sources/<n>/<id>}) and
 * the state version the batch started from, with the settings its offset entry recorded, and stops. The original
 * checkpoint and the query's real sink are never touched. Then the sink's record of the batch, when it has one, is
 * read back: a file sink's {@code _spark_metadata/<id>} (or, for a compaction batch, {@code <id>.compact} minus the
 * files of the batches before it) names the files the batch wrote. Used from the caller's thread.
 */
final class BatchReplayRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA_DIR = "_spark_metadata";

    private BatchReplayRunner() {
    }

    static BatchReplay run(Dataset<Row> query, Path checkpoint, long batchId, OutputMode mode, String format,
            Map<String, String> options, Path scratch) {
        Checkpoint source = new Checkpoint(checkpoint);
        if (!Files.isDirectory(checkpoint) || source.offsets().get(batchId).isEmpty()) {
            throw replayError("Cannot replay batch " + batchId + ": the checkpoint " + checkpoint + " has no offsets"
                    + " entry for it (never planned, or purged: only the last spark.sql.streaming.minBatchesToRetain"
                    + " batches are kept)");
        }
        if (source.commits().get(batchId).isEmpty()) {
            throw replayError("Cannot replay batch " + batchId + ": it was never committed in " + checkpoint
                    + " (a restart of the query runs it; there is no recorded output to compare with)");
        }
        if (batchId > 0 && source.offsets().get(batchId - 1).isEmpty()) {
            throw replayError("Cannot replay batch " + batchId + ": the offsets of batch " + (batchId - 1) + ", where"
                    + " it starts, are no longer in " + checkpoint);
        }
        Path copy = scratch.resolve("checkpoint");
        copyCheckpoint(checkpoint, copy, batchId);

        List<String> replayed = Collections.synchronizedList(new ArrayList<>());
        long[] seen = {-1};
        StreamingQuery q = query.writeStream().outputMode(mode).trigger(Trigger.Once())
                .option("checkpointLocation", copy.toString())
                .foreachBatch((Dataset<Row> batch, Long id) -> {
                    seen[0] = id;
                    batch.collectAsList().forEach(r -> replayed.add(r.toString()));
                }).startNow();
        try {
            q.awaitTermination();
        } catch (StreamingQueryException e) {
            throw new SluiceException("SLUICE_REPLAY_FAILED", "Replaying batch " + batchId + " of " + checkpoint
                    + " failed: " + e.getMessage(), null, e);
        }
        if (seen[0] != batchId) {
            throw replayError("Replaying batch " + batchId + " of " + checkpoint + " ran batch " + seen[0]
                    + " instead: the query given is not the one that wrote the checkpoint");
        }
        replayed.sort(null);
        try {
            Path output = Files.createDirectories(scratch.resolve("output"));
            Files.write(output.resolve("batch-" + batchId + ".txt"), replayed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the replayed rows under " + scratch, e);
        }
        String path = options.get("path");
        if (path == null) {
            return new BatchReplay(batchId, replayed, null, "the " + format + " sink keeps no record of the rows"
                    + " each batch wrote (only file sinks list a batch's files, in " + METADATA_DIR + ")", scratch)
                    .withRun(q);
        }
        Path sinkLog = dev.sluice.checkpoint.CheckpointLocation.resolve(path,
                query.sparkSession().conf().getAll()).resolve(METADATA_DIR);
        if (!Files.isDirectory(sinkLog)) {
            return new BatchReplay(batchId, replayed, null, "the " + format + " sink keeps no record of the rows each"
                    + " batch wrote (only file sinks list a batch's files, in " + METADATA_DIR + ")", scratch)
                    .withRun(q);
        }
        List<String> files = batchFiles(sinkLog, batchId);
        if (files == null) {
            return new BatchReplay(batchId, replayed, null, "the file sink's log no longer holds batch " + batchId
                    + "'s own entries (compacted, and the batch files before it were deleted)", scratch).withRun(q);
        }
        return new BatchReplay(batchId, replayed, recordedRows(query, format, options, path, files), null, scratch)
                .withRun(q);
    }

    private static SluiceException replayError(String message) {
        return new SluiceException("SLUICE_REPLAY_UNAVAILABLE", message, null, null);
    }

    /** Copies the checkpoint without temporary files, then drops the batch's commit and every later entry. */
    private static void copyCheckpoint(Path from, Path to, long batchId) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String relative = from.relativize(f).toString().replace('\\', '/');
                if (f.getFileName().toString().endsWith(".tmp")) {
                    continue;
                }
                Path target = to.resolve(relative);
                Files.createDirectories(target.getParent());
                try (var in = Files.newInputStream(f)) {
                    Files.copy(in, target);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot copy checkpoint " + from + " to " + to + ": " + e, e);
        }
        Checkpoint copy = new Checkpoint(to);
        try {
            for (long id : copy.commits().batchIds()) {
                if (id >= batchId) {
                    Files.delete(copy.commits().file(id));
                }
            }
            for (long id : copy.offsets().batchIds()) {
                if (id > batchId) {
                    Files.delete(copy.offsets().file(id));
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot prepare the scratch checkpoint " + to + ": " + e, e);
        }
    }

    /**
     * The files batch {@code batchId} added according to the file sink log, or null when the log cannot tell
     * (a compaction batch whose predecessors' entries are gone).
     */
    private static List<String> batchFiles(Path log, long batchId) {
        Path plain = log.resolve(Long.toString(batchId));
        if (Files.exists(plain)) {
            return new ArrayList<>(entries(plain));
        }
        Path compact = log.resolve(batchId + ".compact");
        if (!Files.exists(compact)) {
            return null;
        }
        // a compact file holds every batch so far: take away what the batches before it added
        TreeMap<Long, Path> earlier = new TreeMap<>();
        try (Stream<Path> files = Files.list(log)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.matches("\\d+(\\.compact)?")) {
                    long id = Long.parseLong(name.replace(".compact", ""));
                    if (id < batchId && (name.endsWith(".compact") || !earlier.containsKey(id))) {
                        earlier.put(id, f);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + log, e);
        }
        Long base = null;
        for (var e : earlier.descendingMap().entrySet()) {
            if (e.getValue().getFileName().toString().endsWith(".compact")) {
                base = e.getKey();
                break;
            }
        }
        long first = base == null ? 0 : base;
        Set<String> before = new LinkedHashSet<>();
        for (long id = first; id < batchId; id++) {
            Path f = earlier.get(id);
            if (f == null) {
                return null;
            }
            before.addAll(entries(f));
        }
        List<String> own = new ArrayList<>(entries(compact));
        own.removeAll(before);
        return own;
    }

    private static Set<String> entries(Path file) {
        Set<String> paths = new LinkedHashSet<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = JSON.readTree(line);
                String action = entry.path("action").asText("add");
                if (action.equals("add")) {
                    paths.add(entry.path("path").asText());
                } else {
                    paths.remove(entry.path("path").asText());
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("CORRUPTED_FILE", "Cannot read the file sink log file " + file + ": " + e, e);
        }
        return paths;
    }

    /** The rows of the batch's files, read with the sink's format and options, in the query's column order. */
    private static List<String> recordedRows(Dataset<Row> query, String format, Map<String, String> options,
            String path, List<String> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        StructType schema = query.schema();
        Set<String> partitionColumns = partitionColumns(options.get("__partition_columns"));
        StructType dataSchema = new StructType();
        for (StructField f : schema.fields()) {
            if (!partitionColumns.contains(f.name())) {
                dataSchema = dataSchema.add(f);
            }
        }
        Map<String, String> readOptions = new TreeMap<>(options);
        readOptions.remove("path");
        readOptions.remove("checkpointLocation");
        readOptions.remove("__partition_columns");
        readOptions.put("basePath", path);
        Dataset<Row> read = query.sparkSession().read().format(format).options(readOptions).schema(dataSchema)
                .load(files.toArray(new String[0]));
        List<Column> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            columns.add(functions.col(f.name()).cast(f.dataType()).alias(f.name()));
        }
        List<String> rows = new ArrayList<>();
        read.select(columns.toArray(new Column[0])).collectAsList().forEach(r -> rows.add(r.toString()));
        rows.sort(null);
        return rows;
    }

    private static Set<String> partitionColumns(String json) {
        Set<String> out = new LinkedHashSet<>();
        if (json == null) {
            return out;
        }
        try {
            JSON.readTree(json).forEach(n -> out.add(n.asText()));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad partition columns " + json, e);
        }
        return out;
    }
}
