package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.SluiceSession;
import dev.sluice.stream.ManualClock;
import dev.sluice.stream.connector.MemoryStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * transformWithState runs each state partition on its own, partitions on the query's threads at once, each with
 * its own copy of the processor (as Spark's tasks): the output stays a one-thread run's (each key's rows in
 * first-seen key order, then the timers in time and key order) on 1, 2 and 4 threads, also for a processor that
 * cannot be copied; a checkpoint written before this routing keeps its own. Expected rows are computed by hand.
 */
class TransformWithStatePartitionsTest extends TransformWithStateSupport {
    /** {@link TransformWithStateTimersTest.Sessions} with a field Java serialization refuses: it cannot be copied. */
    static final class UncopyableSessions extends TransformWithStateTimersTest.Sessions {
        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();
    }

    private static String key(int k) {
        return String.format("k%02d", k);
    }

    /**
     * {@link TransformWithStateTimersTest.Sessions} (a session closes 30 s after a key's last batch with rows), a
     * batch every 10 s from T0. Batch 0: k00..k59 once each (timers at +30 s). Batch 1 (+10 s): k29..k00, reversed,
     * once more (timers at +40 s). Batch 2: nothing. Batch 3 (+30 s): k29..k20 a third time (timers at +60 s), then
     * k30..k59's timers fire. Batch 4 (+40 s): k00..k19's fire.
     */
    private static List<List<String>> batches() {
        List<String> b0 = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            b0.add(key(k) + ":");
        }
        List<String> b1 = new ArrayList<>();
        for (int k = 29; k >= 0; k--) {
            b1.add(key(k) + ":");
        }
        List<String> b3 = new ArrayList<>();
        for (int k = 29; k >= 20; k--) {
            b3.add(key(k) + ":");
        }
        return List.of(b0, b1, List.of(), b3, List.of());
    }

    private static Map<Long, List<String>> expected() {
        List<String> b0 = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            b0.add(key(k) + " 1 open");
        }
        List<String> b1 = new ArrayList<>();
        for (int k = 29; k >= 0; k--) {
            b1.add(key(k) + " 2 open");          // first-seen order, whatever partition each key is in
        }
        List<String> b3 = new ArrayList<>();
        for (int k = 29; k >= 20; k--) {
            b3.add(key(k) + " 3 open");          // the keys' rows first ...
        }
        for (int k = 30; k < 60; k++) {
            b3.add(key(k) + " 1 closed at +30s in the batch of +30s"); // ... then the timers, in key order
        }
        List<String> b4 = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            b4.add(key(k) + " 2 closed at +40s in the batch of +40s");
        }
        return Map.of(0L, b0, 1L, b1, 2L, List.of(), 3L, b3, 4L, b4);
    }

    /** Runs the five batches on a session of {@code master} (the test's own session is stopped meanwhile). */
    private Map<Long, List<String>> run(String master, TransformWithStateTimersTest.Sessions processor) throws Exception {
        spark.stop();
        SluiceSession session = Sluice.builder().appName("tws-partitions").master(master)
                .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "5")
                .config("spark.sql.streaming.stateStore.providerClass", provider())
                .getOrCreate();
        ManualClock clock = new ManualClock(T0);
        session.streams().setClock(clock);
        try {
            MemoryStream input = MemoryStream.of(session, LINES);
            Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
            List<List<String>> batches = batches();
            input.addValues(batches.get(0).toArray());
            StreamingQuery q = start(input.toDF().as(Encoders.STRING())
                    .groupByKey(TransformWithStateSupport::keyOf, Encoders.STRING())
                    .transformWithState(processor, TimeMode.ProcessingTime(), OutputMode.Update(), Encoders.STRING()),
                    "update", dir.resolve(master.replaceAll("\\W", "")).toString(), out,
                    Trigger.ProcessingTime("10 seconds"), false);
            clock.awaitWaiter(T0 + 10_000, 5_000);
            for (int i = 1; i < batches.size(); i++) {
                input.addValues(batches.get(i).toArray());
                clock.advance(10_000);
                clock.awaitWaiter(T0 + (i + 1) * 10_000L, 5_000);
            }
            q.stop();
            // k20..k29 still have sessions open: their count and deadline
            assertThat(q.lastProgress().stateOperators()[0].numRowsTotal()).isEqualTo(20);
            return out;
        } finally {
            session.stop();
            session();
        }
    }

    @Test
    void partitionsOnOneTwoAndFourThreadsGiveTheOneThreadOutput() throws Exception {
        assertThat(run("local[1]", new TransformWithStateTimersTest.Sessions())).isEqualTo(expected());
        assertThat(run("local[2]", new TransformWithStateTimersTest.Sessions())).isEqualTo(expected());
        assertThat(run("local[4]", new TransformWithStateTimersTest.Sessions())).isEqualTo(expected());
    }

    @Test
    void aProcessorThatCannotBeCopiedRunsItsPartitionsOneAfterAnother() throws Exception {
        assertThat(run("local[4]", new UncopyableSessions())).isEqualTo(expected());
    }

    /**
     * The fixture is the checkpoint of {@link TransformWithStateTest}'s tracker after its first two batches, written
     * before routing by grouping key existed (5 partitions, each key's variables spread over them by their whole
     * keys). A restart must keep that routing: with the new one, b's entries would be looked for in the wrong
     * partition and batch 2 would print "b count=2".
     */
    @Test
    void aCheckpointFromBeforeGroupingKeyRoutingKeepsItsRouting() throws Exception {
        Path checkpoint = copyFixture("tws-routed-by-state-key", dir.resolve("old"));
        MemoryStream input = lines();
        for (int b = 0; b < 2; b++) {
            input.addValues(TransformWithStateTest.TRACKER_BATCHES.get(b).toArray());
        }
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(grouped(input).transformWithState(new TransformWithStateTest.Tracker(),
                TimeMode.None(), OutputMode.Update(), Encoders.STRING()), "update", checkpoint.toString(), out, null,
                true);
        for (int b = 2; b < 4; b++) {
            input.addValues(TransformWithStateTest.TRACKER_BATCHES.get(b).toArray());
            q.processAllAvailable();
        }
        q.stop();
        assertThat(out).isEqualTo(Map.of(2L, TransformWithStateTest.TRACKER_OUTPUT.get(2L),
                3L, TransformWithStateTest.TRACKER_OUTPUT.get(3L)));
        assertThat(Files.readString(checkpoint.resolve("offsets/3"))).contains(
                "\"spark.sluice.state.routingVersion\":\"1\"");
    }

    /** Copies checkpoint fixture {@code name} from the test class path (a folder, or this module's test jar). */
    static Path copyFixture(String name, Path target) throws Exception {
        java.net.URI uri = TransformWithStatePartitionsTest.class.getResource("/checkpoints/" + name).toURI();
        if (!"jar".equals(uri.getScheme())) {
            return copyTree(Path.of(uri), target);
        }
        try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
            return copyTree(jar.provider().getPath(uri), target);
        }
    }

    private static Path copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : files.toList()) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the fixture " + source, e);
        }
        return target;
    }
}
