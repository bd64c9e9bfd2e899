package dev.sluice.examples;

import dev.sluice.testkit.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a running case may use: the output stream, a work folder (deleted by {@link #close()}), and a Kafka
 * bootstrap address — the user's ({@code --kafka}) or a real broker started in-process on first use.
 * Used by one thread at a time.
 */
public final class ExampleContext implements AutoCloseable {
    private final PrintStream out;
    private final String kafkaOption;
    private final Path workDir;
    private EmbeddedKafka embeddedKafka;

    public ExampleContext(PrintStream out, String kafkaOption) {
        this.out = out;
        this.kafkaOption = kafkaOption;
        try {
            this.workDir = Files.createTempDirectory("sluice-examples-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the examples work folder", e);
        }
    }

    public PrintStream out() {
        return out;
    }

    /** A fresh folder under the work folder. */
    public Path folder(String name) {
        try {
            return Files.createDirectories(workDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + name, e);
        }
    }

    /** Bootstrap servers: {@code --kafka} when given, else an embedded broker (started once). */
    public String kafkaBootstrapServers() {
        if (kafkaOption != null) {
            return kafkaOption;
        }
        if (embeddedKafka == null) {
            out.println("(starting an embedded Kafka broker on 127.0.0.1)");
            embeddedKafka = EmbeddedKafka.start();
        }
        return embeddedKafka.bootstrapServers();
    }

    /** Creates a topic on the embedded broker (a user's broker is expected to auto-create or have it). */
    public void createTopic(String name, int partitions) {
        kafkaBootstrapServers();
        if (embeddedKafka != null) {
            embeddedKafka.createTopic(name, partitions);
        }
    }

    @Override
    public void close() {
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
        try (Stream<Path> paths = Files.walk(workDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + workDir, e);
        }
    }
}
