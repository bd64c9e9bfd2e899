package dev.sluice.examples;

import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedMariaDb;
import dev.sluice.testkit.LineServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a running case may use: where to print, a work folder (deleted by {@link #close()}), Kafka (the user's
 * {@code --kafka} or a real broker started in-process on first use, see {@link KafkaTopics}), a MariaDB
 * database (the user's {@code --jdbc-url} or an embedded server started on first use) and the {@code --follow}
 * loop that keeps feeding input until Ctrl-C.
 *
 * <p>Nothing survives {@link #close()}: the embedded servers stop and the work folder with every checkpoint
 * and output file is deleted (a killed JVM leaves the temporary folder behind). Used by the runner's thread;
 * {@link #requestStop()} may be called from any thread (the Ctrl-C hook).
 */
public final class ExampleContext implements AutoCloseable {
    /** The database Case 8 works in, as the tutorial's {@code spark} database. */
    static final String DATABASE = "spark";

    private final PrintStream out;
    private final Options options;
    private final Path workDir;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private KafkaTopics kafka;
    private EmbeddedMariaDb embeddedMariaDb;

    /**
     * The runner's options.
     *
     * @param kafka bootstrap servers of the user's Kafka, or null for an embedded broker
     * @param jdbcUrl JDBC URL of the user's MariaDB/MySQL database, or null for an embedded server
     * @param jdbcUser user for {@code jdbcUrl}
     * @param jdbcPassword password for {@code jdbcUrl} (never printed)
     * @param follow whether cases keep feeding input until Ctrl-C instead of ending by themselves
     * @param in where {@code --follow} reads the lines typed for the socket cases
     */
    public record Options(String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword, boolean follow,
            InputStream in) {
        /** Everything embedded, ending by itself. */
        public static Options defaults() {
            return new Options(null, null, null, null, false, InputStream.nullInputStream());
        }

        @Override
        public String toString() {
            return "Options[kafka=" + kafka + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser + ", follow=" + follow
                    + "]";
        }
    }

    public ExampleContext(PrintStream out, Options options) {
        this.out = out;
        this.options = options;
        try {
            this.workDir = Files.createTempDirectory("sluice-examples-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the examples work folder", e);
        }
    }

    public PrintStream out() {
        return out;
    }

    /** The work folder of this run (deleted by {@link #close()}). */
    public Path workDir() {
        return workDir;
    }

    /** A folder under the work folder, created if needed. */
    public Path folder(String name) {
        try {
            return Files.createDirectories(workDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work folder " + workDir.resolve(name), e);
        }
    }

    /** Kafka: {@code --kafka} when given, else an embedded broker on 127.0.0.1 (started once). */
    public KafkaTopics kafka() {
        if (kafka == null) {
            if (options.kafka() != null) {
                kafka = new KafkaTopics(options.kafka(), null);
            } else {
                out.println("(starting an embedded Kafka broker on 127.0.0.1)");
                kafka = new KafkaTopics(null, EmbeddedKafka.start());
            }
        }
        return kafka;
    }

    /** Bootstrap servers of {@link #kafka()}. */
    public String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    /**
     * JDBC URL of the {@code spark} database: {@code --jdbc-url}, or {@code jdbc:mysql://127.0.0.1:<port>/spark}
     * for an embedded MariaDB started once.
     */
    public String jdbcUrl() {
        if (options.jdbcUrl() != null) {
            return options.jdbcUrl();
        }
        if (embeddedMariaDb == null) {
            out.println("(starting an embedded MariaDB on 127.0.0.1)");
            embeddedMariaDb = EmbeddedMariaDb.start();
            embeddedMariaDb.createDatabase(DATABASE);
        }
        // A jdbc:mysql URL, as the tutorial's: Spark chooses its MySQL dialect (backquoted names) by that prefix
        // only. MariaDB's driver accepts the scheme with permitMysqlScheme.
        return embeddedMariaDb.jdbcUrl(DATABASE).replace("jdbc:mariadb:", "jdbc:mysql:") + "?permitMysqlScheme";
    }

    /** The user of {@link #jdbcUrl()}. */
    public String jdbcUser() {
        jdbcUrl();
        return options.jdbcUrl() != null ? options.jdbcUser() : embeddedMariaDb.user();
    }

    /** The password of {@link #jdbcUrl()}; never print it. */
    public String jdbcPassword() {
        jdbcUrl();
        return options.jdbcUrl() != null ? nullToEmpty(options.jdbcPassword()) : "";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * A new line server on a free port of 127.0.0.1, in place of the tutorial's {@code nc -lk 9999}; the case
     * closes it.
     */
    public LineServer startLineServer() {
        LineServer server = new LineServer();
        out.println("(line server listening on " + server.host() + ":" + server.port() + ", as nc -lk would)");
        return server;
    }

    /**
     * With {@code --follow}: sends every line read from {@link #in()} (what the user types, as into netcat) to
     * {@code feed} and calls {@code afterEach} after each, until end of input or {@link #requestStop()};
     * without it, returns at once.
     */
    public void forwardTypedLines(LineServer feed, Feed afterEach) throws Exception {
        if (!follow()) {
            return;
        }
        out.println("(--follow: type lines to send them to the socket source; end of input (Ctrl-D) goes on,"
                + " Ctrl-C stops)");
        BlockingQueue<Optional<String>> typed = new LinkedBlockingQueue<>();
        // Reading standard input cannot be interrupted: a daemon thread reads, this thread can still stop. The
        // reader is not closed: that would close standard input for the next socket query of the case.
        Thread reader = new Thread(() -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in(), StandardCharsets.UTF_8));
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    typed.add(Optional.of(line));
                }
            } catch (IOException e) {
                out.println("(cannot read standard input: " + e.getMessage() + ")");
            }
            typed.add(Optional.empty());
        }, "examples-stdin");
        reader.setDaemon(true);
        reader.start();
        for (int round = 0; !stopRequested(); ) {
            Optional<String> line = typed.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.isEmpty()) {
                return;
            }
            feed.send(line.get());
            afterEach.round(round++);
        }
    }

    /** Whether {@code --follow} was given. */
    public boolean follow() {
        return options.follow();
    }

    /** Where {@code --follow} reads typed lines from (standard input when run from the command line). */
    public InputStream in() {
        return options.in();
    }

    /** Asks a {@code --follow} loop to end (Ctrl-C). Thread-safe, idempotent. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Whether {@link #requestStop()} was called. */
    public boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** One round of generated input fed by {@link #followUntilStopped}. */
    @FunctionalInterface
    public interface Feed {
        /** Feeds round {@code round} (0, 1, 2, ...) and may wait for the query to process it. */
        void round(int round) throws Exception;
    }

    /**
     * With {@code --follow}: feeds a round of generated input every {@code everyMs} until {@link #requestStop()}
     * (Ctrl-C); without it, returns at once, so the case ends by itself.
     */
    public void followUntilStopped(String what, long everyMs, Feed feed) throws Exception {
        if (!follow()) {
            return;
        }
        out.printf("(--follow: %s every %d ms until Ctrl-C)%n", what, everyMs);
        for (int round = 0; !stopRequested.await(everyMs, TimeUnit.MILLISECONDS); round++) {
            feed.round(round);
        }
    }

    @Override
    public void close() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            try {
                if (embeddedMariaDb != null) {
                    embeddedMariaDb.close();
                }
            } finally {
                deleteRecursively(workDir);
            }
        }
    }

    /**
     * Drops a file into a watched folder the way a producer should: written under a temporary name beside the
     * folder, then moved in atomically, so the file source never sees it half-written.
     */
    static Path dropFile(Path folder, String name, String content) throws IOException {
        Path temp = Files.createTempFile(folder.getParent(), ".drop-", ".tmp");
        Files.writeString(temp, content);
        return Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The files under {@code dir} (relative paths, sorted), leaving out hidden files and sink metadata. */
    static List<String> listFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .filter(p -> !p.startsWith(".") && !p.startsWith("_spark_metadata") && !p.contains("/."))
                    .sorted()
                    .toList();
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the examples work folder " + dir, e);
        }
    }
}
