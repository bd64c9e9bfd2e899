package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Issue 15's "never a different answer": a stopped query's checkpoint (offsets, commits, metadata, the file
 * source's log, state deltas) gets one random byte changed in one random file; the restarted query, given one
 * more input file, either ends with the right counts (the damaged file was not needed) or fails with a message
 * naming the damaged file relative to its checkpoint. Expected counts are computed by hand from the three
 * input files. CI runs {@value #CI_TRIES} tries; {@code -Pfuzz-long} ({@code mvn -B -ntp -Pfuzz-long -pl
 * engine-connectors test}, README) runs {@value #LONG_TRIES} more.
 */
class CheckpointByteFlipPropertyTest {
    static final int CI_TRIES = 25;
    static final int LONG_TRIES = 1500;
    private static final StructType KEYS = StructType.fromDDL("k STRING");
    /** k1..k7 over a.json, b.json (before the stop) and c.json (after): counted by hand. */
    private static final Map<String, Long> EXPECTED = new TreeMap<>(Map.of("k1", 2L, "k2", 2L, "k3", 1L, "k4", 1L,
            "k5", 1L, "k6", 1L, "k7", 2L));
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Map<String, AtomicInteger> OUTCOMES = new TreeMap<>();

    private static Path root;
    private static Path in;
    private static Path pristine;
    private static List<Path> files;
    private static SluiceSession spark;
    private static String shufflePartitions;

    @BeforeContainer
    static void stoppedQuery() throws Exception {
        spark = Sluice.builder().appName("byte-flip").master("local[2]").getOrCreate();
        StreamingTestHooks.set(spark, BatchHooks.NONE);
        shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions", "200");
        spark.conf().set("spark.sql.shuffle.partitions", "3"); // a few state files, not hundreds of empty ones
        root = Files.createTempDirectory("sluice-byte-flip-");
        in = root.resolve("in");
        pristine = root.resolve("pristine");
        FileStreamTestSupport.drop(in.resolve("a.json"), keys("k1", "k2", "k3"), 1000);
        StreamingQuery first = start(pristine, "flip_setup");
        first.processAllAvailable();
        FileStreamTestSupport.drop(in.resolve("b.json"), keys("k1", "k4", "k5", "k6"), 1500);
        first.processAllAvailable();
        first.stop();
        FileStreamTestSupport.drop(in.resolve("c.json"), keys("k7", "k7", "k2"), 2000);
        try (Stream<Path> walk = Files.walk(pristine)) {
            files = walk.filter(Files::isRegularFile).filter(p -> Files.isReadable(p)).sorted().toList();
        }
        assertThat(files).extracting(p -> pristine.relativize(p).toString()).contains("metadata", "offsets/1",
                "commits/1", "sources/0/1", "state/0/0/2.delta");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
        System.out.println("Byte flips: " + OUTCOMES);
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String keys(String... keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            sb.append("{\"k\":\"").append(k).append("\"}\n");
        }
        return sb.toString();
    }

    private static StreamingQuery start(Path checkpoint, String name) throws Exception {
        return spark.readStream().format("json").schema(KEYS).load(in.toString()).groupBy("k").count()
                .writeStream().format("memory").queryName(name).outputMode("complete")
                .option("checkpointLocation", checkpoint.toString()).start();
    }

    @Property(tries = CI_TRIES)
    void aFlippedByteGivesTheRightAnswerOrAnErrorNamingTheFile(@ForAll @IntRange(max = 1_000_000) int fileIndex,
            @ForAll @IntRange(max = 1_000_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask)
            throws Exception {
        check(fileIndex, position, mask);
    }

    @Property(tries = LONG_TRIES)
    @AddLifecycleHook(OnlyInLongRuns.class)
    void manyFlippedBytesGiveTheRightAnswerOrAnErrorNamingTheFile(@ForAll @IntRange(max = 1_000_000) int fileIndex,
            @ForAll @IntRange(max = 1_000_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask)
            throws Exception {
        check(fileIndex, position, mask);
    }

    private static void check(int fileIndex, int position, int mask) throws Exception {
        Path original = files.get(fileIndex % files.size());
        String relative = pristine.relativize(original).toString().replace('\\', '/');
        Path cp = root.resolve("try-" + RUNS.incrementAndGet());
        copy(pristine, cp);
        Path damaged = cp.resolve(relative);
        byte[] bytes = Files.readAllBytes(damaged);
        if (bytes.length == 0) {
            return;
        }
        int at = position % bytes.length;
        bytes[at] ^= (byte) mask;
        Files.write(damaged, bytes);

        String name = "flip_" + RUNS.get();
        String outcome;
        try {
            StreamingQuery query = spark.readStream().format("json").schema(KEYS).load(in.toString()).groupBy("k")
                    .count().writeStream().format("memory").queryName(name).outputMode("complete")
                    .trigger(Trigger.AvailableNow()).option("checkpointLocation", cp.toString()).start();
            query.awaitTermination();
            Map<String, Long> counts = new TreeMap<>();
            for (Row r : spark.table(name).collectAsList()) {
                counts.put(r.getString(0), r.getLong(1));
            }
            assertThat(counts).as("counts after flipping byte %d of %s with %02x", at, relative, mask)
                    .isEqualTo(EXPECTED);
            outcome = "right answer";
        } catch (RuntimeException e) {
            String messages = messages(e);
            assertThat(messages).as("the error after flipping byte %d of %s with %02x", at, relative, mask)
                    .contains(relative + " of checkpoint " + cp.toAbsolutePath());
            outcome = "error naming the file";
        }
        synchronized (OUTCOMES) {
            OUTCOMES.computeIfAbsent(relative.replaceAll("\\d+", "N") + ": " + outcome, k -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    private static String messages(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null && out.size() < 10; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return String.join(" <- ", out);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Runs a property only with {@code -Dsluice.fuzz.long=true} (the {@code fuzz-long} profile). */
    static final class OnlyInLongRuns implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Boolean.getBoolean("sluice.fuzz.long") ? SkipResult.doNotSkip()
                    : SkipResult.skip("long run only (-Pfuzz-long)");
        }
    }
}
