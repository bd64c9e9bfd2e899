package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real kill -9: a child JVM runs a json-to-json file query (one input file per batch) and is killed with SIGKILL
 * while it writes; the restarted query then ends with every input row exactly once through the sink's log, no
 * part file on disk that the log does not list (tools bypassing {@code _spark_metadata} read the same rows) and
 * no temporary file in the checkpoint or the log.
 */
class SinkKillTest extends FileStreamTestSupport {
    private static final int FILES = 16;

    @Test
    void aQueryKilledWhileWritingRestartsWithEachRowOnceAndNoOrphanFiles() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Path cp = dir.resolve("cp");
        for (int i = 0; i < FILES; i++) {
            drop(in.resolve(String.format("f%03d.json", i)), "{\"id\":" + i + ",\"name\":\"n" + (i % 3) + "\"}\n",
                    i * 10L);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledSinkQuery.class.getName(), in.toString(), out.toString(), cp.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (committedBatches(out) < 2 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("child still running (its log: %s)", dir.resolve("child.log")).isTrue();
            assertThat(committedBatches(out)).isGreaterThanOrEqualTo(2);
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no stop
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(committedBatches(out)).isLessThan(FILES); // killed in the middle of the run

        StreamingQuery restarted = spark.readStream().format("json").schema(StructType.fromDDL("id INT, name STRING"))
                .option("maxFilesPerTrigger", "1").load(in.toString())
                .writeStream().format("json").option("path", out.toString()).partitionBy("name")
                .option("checkpointLocation", cp.toString()).trigger(Trigger.AvailableNow()).start();
        restarted.awaitTermination();

        List<Row> rows = spark.read().json(out.toString()).collectAsList();
        assertThat(column(rows, "id")).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, FILES).mapToObj(Integer::toString).toList());
        Set<String> listed = new HashSet<>();
        for (FileSinkLog.Entry e : new FileSinkLog(FileAccess.defaults(), FileAccess.path(out)).allFiles()) {
            listed.add(new File(e.hadoopPath().toUri().getPath()).getAbsolutePath());
        }
        try (Stream<Path> walk = Files.walk(out)) {
            List<String> onDisk = walk.filter(Files::isRegularFile)
                    .filter(p -> !out.relativize(p).toString().startsWith("_spark_metadata"))
                    .map(p -> p.toAbsolutePath().toString()).toList();
            assertThat(onDisk).containsExactlyInAnyOrderElementsOf(listed);
        }
        assertThat(filesUnder(cp)).noneMatch(f -> f.endsWith(".tmp"));
        assertThat(filesUnder(out.resolve("_spark_metadata"))).noneMatch(f -> f.endsWith(".tmp"));
    }

    private static long committedBatches(Path out) throws Exception {
        Path log = out.resolve("_spark_metadata");
        if (!Files.isDirectory(log)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+(\\.compact)?")).count();
        }
    }
}
