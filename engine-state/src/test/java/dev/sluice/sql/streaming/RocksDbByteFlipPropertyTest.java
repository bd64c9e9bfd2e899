package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The byte-flip property of issue 15 for the RocksDB provider: one random byte of one random file of a stopped
 * counting query's checkpoint (manifests, SST files, RocksDB's MANIFEST/OPTIONS/CURRENT copies, logs) is changed;
 * the restart over the same input plus one more value either gives the counts computed from the values added, or
 * fails naming the damaged file relative to its checkpoint. 15 tries in CI.
 */
class RocksDbByteFlipPropertyTest {
    private static final StructType LINES = new StructType().add("value", DataTypes.StringType);
    private static SluiceSession spark;
    private static MemoryStream input;
    private static final Map<String, Long> added = new TreeMap<>();
    private static Path root;
    private static Path pristine;
    private static List<Path> files;
    private static int tries;

    @BeforeContainer
    static void stoppedQuery() throws Exception {
        spark = Sluice.builder().master("local[2]").getOrCreate();
        spark.conf().set("spark.sql.streaming.stateStore.providerClass", "rocksdb");
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        root = Files.createTempDirectory("sluice-rocksdb-flip-");
        pristine = root.resolve("pristine");
        input = MemoryStream.of(spark, LINES);
        StreamingQuery query = start(pristine, "rocks_setup");
        add("a", "b");
        query.processAllAvailable();
        add("a", "c");
        query.processAllAvailable();
        query.stop();
        try (Stream<Path> walk = Files.walk(pristine)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).extracting(p -> pristine.relativize(p).toString()).contains("state/0/0/2.rocksdb",
                "commits/1").anyMatch(f -> f.startsWith("state/0/0/sst/")).anyMatch(f -> f.contains(".meta/MANIFEST-"));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        spark.conf().unset("spark.sql.streaming.stateStore.providerClass");
        spark.conf().unset("spark.sql.shuffle.partitions");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void add(String... values) {
        input.addValues((Object[]) values);
        for (String v : values) {
            added.merge(v, 1L, Long::sum);
        }
    }

    private static StreamingQuery start(Path checkpoint, String name) throws Exception {
        return input.toDF().groupBy("value").count().writeStream().format("memory").queryName(name)
                .outputMode("complete").option("checkpointLocation", checkpoint.toString()).start();
    }

    @Property(tries = 15)
    void aFlippedByteGivesTheRightCountsOrAnErrorNamingTheFile(@ForAll @IntRange(max = 1_000_000) int fileIndex,
            @ForAll @IntRange(max = 10_000_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask)
            throws Exception {
        Path original = files.get(fileIndex % files.size());
        String relative = pristine.relativize(original).toString().replace('\\', '/');
        Path cp = root.resolve("try-" + (++tries));
        copy(pristine, cp);
        Path damaged = cp.resolve(relative);
        byte[] bytes = Files.readAllBytes(damaged);
        if (bytes.length == 0) {
            return;
        }
        int at = position % bytes.length;
        bytes[at] ^= (byte) mask;
        Files.write(damaged, bytes);
        String name = "rocks_flip_" + tries;
        StreamingQuery query = null;
        try {
            query = start(cp, name);
            add("d");
            query.processAllAvailable();
            Map<String, Long> counts = new TreeMap<>();
            for (Row r : spark.table(name).collectAsList()) {
                counts.put(r.getString(0), r.getLong(1));
            }
            assertThat(counts).as("counts after flipping byte %d of %s", at, relative).isEqualTo(added);
        } catch (RuntimeException e) {
            List<String> messages = new ArrayList<>();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
            }
            assertThat(String.join(" <- ", messages)).as("the error after flipping byte %d of %s", at, relative)
                    .contains(relative + " of checkpoint " + cp.toAbsolutePath());
        } finally {
            if (query != null) {
                query.stop();
            }
        }
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
}
