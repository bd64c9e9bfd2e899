package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The streaming file source: order, limits, ages, cleaning, schema rules (text files, one value a line). */
class FileStreamSourceTest extends FileStreamTestSupport {
    private final Map<Long, List<String>> batches = new TreeMap<>();

    /** Starts a query collecting each batch's {@code value}s into {@link #batches}. */
    private StreamingQuery collect(Dataset<Row> df, Path checkpoint) throws Exception {
        return df.writeStream().option("checkpointLocation", checkpoint.toString()).foreachBatch((batch, id) -> {
            List<String> values = new ArrayList<>(column(batch.collectAsList(), "value"));
            synchronized (batches) {
                batches.put(id, values);
            }
        }).start();
    }

    private Dataset<Row> text(Path in, String... options) {
        var reader = spark.readStream().format("text");
        for (int i = 0; i < options.length; i += 2) {
            reader = reader.option(options[i], options[i + 1]);
        }
        return reader.load(in.toString());
    }

    @Test
    void newFilesAreReadInModificationTimeOrderWithinMaxFilesPerTrigger() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("a.txt"), "a\n", 3000);
        drop(in.resolve("b.txt"), "b\n", 1000);
        drop(in.resolve("c.txt"), "c\n", 2000);
        drop(in.resolve("d.txt"), "d\n", 2000); // same time as c: name breaks the tie
        StreamingQuery q = collect(text(in, "maxFilesPerTrigger", "3"), dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches).containsExactly(Map.entry(0L, List.of("b", "c", "d")), Map.entry(1L, List.of("a")));

        drop(in.resolve("e.txt"), "e1\ne2\n", 500); // older than the others, but new: still read once
        q.processAllAvailable();
        assertThat(batches).hasSize(3).containsEntry(2L, List.of("e1", "e2"));
        q.processAllAvailable();
        assertThat(batches).hasSize(3);
    }

    @Test
    void latestFirstTakesTheNewestFilesFirst() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("a.txt"), "a\n", 1000);
        drop(in.resolve("b.txt"), "b\n", 2000);
        drop(in.resolve("c.txt"), "c\n", 3000);
        StreamingQuery q = collect(text(in, "maxFilesPerTrigger", "1", "latestFirst", "true"), dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("c"), List.of("b"), List.of("a"));
    }

    @Test
    void filesOlderThanMaxFileAgeBeforeTheNewestSeenAreIgnored() throws Exception {
        Path in = dir.resolve("in");
        long hour = 3_600_000L;
        drop(in.resolve("old.txt"), "old\n", 0);
        drop(in.resolve("new.txt"), "new\n", 10 * hour);
        StreamingQuery q = collect(text(in, "maxFileAge", "1h"), dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("old", "new")); // the first batch takes every file

        drop(in.resolve("late.txt"), "late\n", 8 * hour); // older than newest - 1h
        drop(in.resolve("recent.txt"), "recent\n", 9 * hour + hour / 2);
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("old", "new"), List.of("recent"));
    }

    /**
     * A file forgotten through maxFileAge is read again when it re-appears with a newer time (Spark's
     * {@code SeenFilesMap}): the forgetting must happen even though the map is scanned only when its oldest entry has
     * fallen behind the threshold, and a trigger with nothing old enough to forget must forget nothing.
     */
    @Test
    void aFileForgottenPastMaxFileAgeIsReadAgainWhenItReappearsNewer() throws Exception {
        Path in = dir.resolve("in");
        long hour = 3_600_000L;
        drop(in.resolve("old.txt"), "old\n", 0);
        drop(in.resolve("new.txt"), "new\n", 10 * hour);
        StreamingQuery q = collect(text(in, "maxFileAge", "1h"), dir.resolve("cp"));
        q.processAllAvailable(); // old.txt (older than 10h - 1h) is forgotten after this batch
        drop(in.resolve("newer.txt"), "newer\n", 10 * hour + 1);
        q.processAllAvailable(); // nothing is older than the threshold: new.txt stays known
        Files.delete(in.resolve("old.txt"));
        drop(in.resolve("old.txt"), "old again\n", 11 * hour);
        Files.setLastModifiedTime(in.resolve("new.txt"), java.nio.file.attribute.FileTime.fromMillis(T0 + 11 * hour));
        q.processAllAvailable();
        // old.txt is new again; new.txt, still known (10h is not older than 11h - 1h), is not read twice
        assertThat(batches.values()).containsExactly(List.of("old", "new"), List.of("newer"), List.of("old again"));
    }

    @Test
    void cleanSourceDeleteRemovesTheFilesOfCommittedBatches() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("a.txt"), "a\n", 1000);
        drop(in.resolve("sub/b.txt"), "b\n", 2000);
        StreamingQuery q = collect(text(in, "cleanSource", "delete", "maxFilesPerTrigger", "1"), dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("a"), List.of("b"));
        assertThat(filesUnder(in)).isEmpty();
    }

    @Test
    void cleanSourceArchiveKeepsPathsRelativeToTheSourceFolder() throws Exception {
        Path in = dir.resolve("in");
        Path archive = dir.resolve("archive");
        drop(in.resolve("a.txt"), "a\n", 1000);
        drop(in.resolve("2024/01/b.txt"), "b\n", 2000);
        StreamingQuery q = collect(text(in, "cleanSource", "archive", "sourceArchiveDir", archive.toString()),
                dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("a", "b"));
        assertThat(filesUnder(in)).isEmpty();
        assertThat(filesUnder(archive)).containsExactly("2024/01/b.txt", "a.txt");
        assertThat(Files.readString(archive.resolve("a.txt"))).isEqualTo("a\n");
    }

    @Test
    void anArchiveFolderInsideTheSourceIsRejectedWhenTheStreamIsDefined() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        assertThatThrownBy(() -> text(in, "cleanSource", "archive", "sourceArchiveDir", in.resolve("done").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be inside the source path")
                .hasFieldOrPropertyWithValue("condition", "SLUICE_CONFLICTING_OPTIONS");
        assertThatThrownBy(() -> text(in, "cleanSource", "archive"))
                .hasMessageContaining("'sourceArchiveDir'").hasFieldOrPropertyWithValue("condition", "SLUICE_MISSING_OPTION");
        assertThatThrownBy(() -> text(in, "cleanSource", "move")).hasMessageContaining("Invalid mode for clean source")
                .hasFieldOrPropertyWithValue("condition", "SLUICE_INVALID_OPTION_VALUE");
        assertThatThrownBy(() -> text(in, "maxFilesPerTrigger", "0")).hasMessageContaining("maxFilesPerTrigger")
                .hasFieldOrPropertyWithValue("condition", "SLUICE_INVALID_OPTION_VALUE");
    }

    @Test
    void hiddenAndTemporaryFilesAreNotReadUntilRenamedIn() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("a.txt"), "a\n", 1000);
        Files.writeString(in.resolve(".b.txt.tmp"), "half");
        Files.writeString(in.resolve("_c.txt"), "meta");
        Files.writeString(in.resolve("d.txt._COPYING_"), "copying");
        StreamingQuery q = collect(text(in), dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("a"));
        Files.move(in.resolve(".b.txt.tmp"), in.resolve("b.txt"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("a"), List.of("half"));
    }

    @Test
    void globsAndRecursiveLookupSelectTheWatchedFiles() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("x/a.log"), "a\n", 1000);
        drop(in.resolve("y/b.log"), "b\n", 2000);
        drop(in.resolve("y/c.txt"), "c\n", 3000);
        Dataset<Row> df = spark.readStream().format("text").load(in.resolve("*/*.log").toString());
        StreamingQuery q = collect(df, dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("a", "b"));
    }

    @Test
    void aSchemaIsRequiredUnlessInferenceIsEnabled() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("a.json"), "{\"id\":1,\"name\":\"x\"}\n", 1000);
        assertThatThrownBy(() -> spark.readStream().format("json").load(in.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Schema must be specified when creating a streaming source DataFrame.");
        assertThat(spark.readStream().format("text").load(in.toString()).schema().simpleString())
                .isEqualTo("struct<value:string>");
        assertThat(spark.readStream().format("json").schema("id INT NOT NULL").load(in.toString()).schema().simpleString())
                .isEqualTo("struct<id:int>");

        spark.conf().set("spark.sql.streaming.schemaInference", "true");
        Dataset<Row> inferred = spark.readStream().format("json").load(in.toString());
        assertThat(inferred.schema().simpleString()).isEqualTo("struct<id:bigint,name:string>");
        List<String> seen = new ArrayList<>();
        StreamingQuery q = inferred.writeStream().option("checkpointLocation", dir.resolve("cp").toString())
                .foreachBatch((batch, id) -> {
                    synchronized (seen) {
                        seen.addAll(column(batch.collectAsList(), "name"));
                    }
                }).start();
        q.processAllAvailable();
        assertThat(seen).containsExactly("x");
    }

    @Test
    void aMissingSourceFolderIsReportedWhenTheStreamIsDefined() {
        assertThatThrownBy(() -> spark.readStream().format("text").load(dir.resolve("nope").toString()))
                .hasMessageContaining("Path does not exist");
    }

    @Test
    void availableNowReadsTheFilesPresentAtStartInSeveralBatchesThenStops() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("a.txt"), "a\n", 1000);
        drop(in.resolve("b.txt"), "b\n", 2000);
        drop(in.resolve("c.txt"), "c\n", 3000);
        StreamingQuery q = text(in, "maxFilesPerTrigger", "2").writeStream()
                .option("checkpointLocation", dir.resolve("cp").toString()).trigger(Trigger.AvailableNow())
                .foreachBatch((batch, id) -> {
                    synchronized (batches) {
                        batches.put(id, column(batch.collectAsList(), "value"));
                    }
                }).start();
        q.awaitTermination();
        assertThat(batches.values()).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void partitionFoldersBecomeColumnsOfTheStream() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("year=2024/city=Pune/a.json"), "{\"amount\":1}\n", 1000);
        Dataset<Row> df = spark.readStream().format("json").schema("amount INT, year STRING").load(in.toString());
        assertThat(df.schema().simpleString()).isEqualTo("struct<amount:int,year:string,city:string>");
        List<String> rows = new ArrayList<>();
        StreamingQuery q = df.writeStream().option("checkpointLocation", dir.resolve("cp").toString())
                .foreachBatch((batch, id) -> {
                    synchronized (rows) {
                        for (Row r : batch.collectAsList()) {
                            rows.add(r.get(0) + "/" + r.get(1) + "/" + r.get(2));
                        }
                    }
                }).start();
        q.processAllAvailable();
        drop(in.resolve("year=2025/city=Mumbai/b.json"), "{\"amount\":2}\n", 2000);
        q.processAllAvailable();
        assertThat(rows).containsExactly("1/2024/Pune", "2/2025/Mumbai");
    }

    @Test
    void fileNameOnlyTreatsAMovedFileAsSeen() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("x/a.txt"), "a\n", 1000);
        StreamingQuery q = collect(text(in, "fileNameOnly", "true"), dir.resolve("cp"));
        q.processAllAvailable();
        drop(in.resolve("y/a.txt"), "a again\n", 2000);
        drop(in.resolve("y/b.txt"), "b\n", 2000);
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void aFileSinkFolderIsReadThroughItsLogOnlyCommittedFiles() throws Exception {
        Path sink = dir.resolve("sink");
        FileSinkWriter writer = new FileSinkWriter(FileAccess.path(sink), FileFormats.forName("text"), FormatOptions.empty(), List.of());
        writer.addBatch(0, StructType.fromDDL("value STRING"), List.of(dev.sluice.connectors.TestRows.chunk(
                StructType.fromDDL("value STRING"), List.of("committed"))));
        Files.writeString(sink.resolve("part-uncommitted.txt"), "uncommitted\n");
        StreamingQuery q = collect(text(sink), dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("committed"));
    }

    @Test
    void maxFileAgeIsIgnoredWithLatestFirstAndMaxFilesPerTrigger() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("old.txt"), "old\n", 0);
        drop(in.resolve("new.txt"), "new\n", 10 * 3_600_000L);
        StreamingQuery q = collect(text(in, "maxFileAge", "1h", "latestFirst", "true", "maxFilesPerTrigger", "1"),
                dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("new"), List.of("old"));
    }

    @Test
    void csvFilesAreParsedWithTheReaderOptions() throws Exception {
        Path in = dir.resolve("in");
        drop(in.resolve("a.csv"), "id;value\n1;uno\n2;dos\n", 1000);
        Dataset<Row> df = spark.readStream().format("csv").option("sep", ";").option("header", "true")
                .schema("id INT, value STRING").load(in.toString());
        StreamingQuery q = collect(df, dir.resolve("cp"));
        q.processAllAvailable();
        assertThat(batches.values()).containsExactly(List.of("uno", "dos"));
    }
}
