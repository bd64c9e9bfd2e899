package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.streaming.StreamingQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once of {@code Trigger.RealTime} with the transactional Kafka sink under real kill -9: a child JVM runs
 * the real-time query (epochs of 300 ms) while records keep arriving, and is killed with SIGKILL at random moments
 * (before, inside or between epochs, during a commit or not: the seed is printed); a restarted child goes on from
 * the checkpoint. At the end a {@code read_committed} reader must see every input record exactly once.
 */
class KafkaRealTimeKillTest extends KafkaTestSupport {
    private static final int ROUNDS = 3;
    private static final int PER_ROUND = 400;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheQueryDeliversEveryRecordOnce() throws Exception {
        long seed = System.nanoTime();
        System.out.println("KafkaRealTimeKillTest seed " + seed);
        Random random = new Random(seed);
        String in = topic("rt-kill-in", 2);
        String out = topic("rt-kill-out", 2);
        Path checkpoint = dir.resolve("cp");
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), RealTimeKafkaQuery.class.getName(), servers(), in,
                    out, checkpoint.toString(), "300")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + round + ".log").toFile()).start();
            try {
                long commitsBefore = commits(checkpoint);
                // records arrive while the child runs: some before it starts, some during its epochs
                int base = round * PER_ROUND;
                send(in, null, values(base, base + PER_ROUND / 2));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (commits(checkpoint) <= commitsBefore && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(child.isAlive()).as("child running (log %s)", dir.resolve("child-" + round + ".log"))
                        .isTrue();
                send(in, null, values(base + PER_ROUND / 2, base + PER_ROUND));
                Thread.sleep(random.nextInt(900)); // anywhere in the next epochs
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no stop, an open transaction left behind
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
        StreamingQuery last = RealTimeKafkaQuery.start(spark, servers(), in, out, checkpoint.toString(), 300);
        try {
            eventually("the last records are committed", () -> committedCount(checkpoint, in) >= ROUNDS * PER_ROUND);
        } finally {
            last.stop();
        }
        List<String> expected = new ArrayList<>(List.of(values(0, ROUNDS * PER_ROUND)));
        expected.replaceAll(s -> s.toUpperCase(java.util.Locale.ROOT));
        assertThat(values(out, true)).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String[] values(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "rec-" + i).toArray(String[]::new);
    }

    private static long commits(Path checkpoint) throws Exception {
        Path commits = checkpoint.resolve("commits");
        if (!Files.isDirectory(commits)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(commits)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
    }

    /** Records of the input consumed by the last committed epoch (its offsets entry's sum over partitions). */
    private static long committedCount(Path checkpoint, String topic) {
        try {
            long last = -1;
            try (Stream<Path> files = Files.list(checkpoint.resolve("commits"))) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String name = p.getFileName().toString();
                    if (name.matches("\\d+")) {
                        last = Math.max(last, Long.parseLong(name));
                    }
                }
            }
            if (last < 0) {
                return 0;
            }
            String text = Files.readString(checkpoint.resolve("offsets/" + last));
            int at = text.indexOf("{\"" + topic + "\":{");
            long sum = 0;
            for (String part : text.substring(at + topic.length() + 5, text.indexOf('}', at)).split(",")) {
                sum += Long.parseLong(part.split(":")[1].trim());
            }
            return sum;
        } catch (Exception e) {
            return 0;
        }
    }
}
