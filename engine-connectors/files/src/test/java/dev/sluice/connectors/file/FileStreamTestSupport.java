package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.api.java.function.VoidFunction2;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.stream.BatchHooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A session, temp folders, and helpers to drop files with a chosen modification time. */
abstract class FileStreamTestSupport {
    /** A fixed base modification time (2024-01-01T00:00:00Z) so file order never depends on the clock. */
    static final long T0 = 1_704_067_200_000L;

    @TempDir
    Path dir;

    SluiceSession spark;

    @BeforeEach
    void setUpSession() {
        spark = Sluice.builder().appName("file-stream-tests").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.conf().set("spark.sql.streaming.schemaInference", "false");
        spark.streams().resetTerminated();
    }

    @AfterEach
    void stopQueries() throws Exception {
        for (StreamingQuery q : spark.streams().active()) {
            q.stop();
        }
        StreamingTestHooks.set(spark, BatchHooks.NONE);
        spark.conf().set("spark.sql.streaming.schemaInference", "false");
        spark.streams().resetTerminated();
    }

    /**
     * Writes {@code content} to a hidden file next to {@code file}, sets its modification time to
     * {@code T0 + offsetMillis} and renames it into place (the source's contract).
     */
    static Path drop(Path file, String content, long offsetMillis) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(T0 + offsetMillis));
        Files.move(tmp, file);
        return file;
    }

    /**
     * Runs {@code query} in append mode under {@code Trigger.AvailableNow} (checkpoint {@code dir/cp}) until it
     * ends, adding each batch to {@code batches} as {@code "<id>: <its rows' toString(), sorted>"}; returns the
     * ended query (for its progress).
     */
    StreamingQuery runAppendAvailableNow(Dataset<Row> query, List<String> batches) throws Exception {
        StreamingQuery q = query.writeStream().outputMode("append").trigger(Trigger.AvailableNow())
                .option("checkpointLocation", dir.resolve("cp").toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (df, id) -> {
                    List<String> rows = new ArrayList<>();
                    for (Row r : df.collectAsList()) {
                        rows.add(r.toString());
                    }
                    Collections.sort(rows);
                    batches.add(id + ": " + rows);
                }).start();
        q.awaitTermination();
        return q;
    }

    /** Every regular file under {@code root}, as paths relative to it (sorted, '/' separated). */
    static List<String> filesUnder(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted()
                    .forEach(out::add);
        }
        return out;
    }

    /** Column {@code name} of every row, as strings. */
    /** The string values of the first column of {@code chunks}, in order. */
    static List<String> firstColumn(List<Chunk> chunks) {
        List<String> out = new ArrayList<>();
        for (Chunk c : chunks) {
            for (int r = 0; r < c.rowCount(); r++) {
                out.add(c.column(0).getString(r));
            }
        }
        return out;
    }

    static List<String> column(List<Row> rows, String name) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            Object v = r.get(r.fieldIndex(name));
            out.add(v == null ? null : v.toString());
        }
        return out;
    }
}
