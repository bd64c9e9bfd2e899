package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TutorialInvoices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka pipeline of Cases 3-4 runs a topic larger than its heap in one {@code AvailableNow} batch: the
 * source is read chunk by chunk as the pipeline takes morsels and the exactly-once sink sends as chunks
 * arrive, so nothing holds the whole batch. The figure is 1,000,000 invoices at {@code -Xmx512m};
 * this test keeps the proportion smaller and faster: {@value #INVOICES} invoices (~{@value #MEGABYTES} MB of
 * JSON) through a {@value #HEAP} heap, every line item landing once in read_committed. The full-size check by hand:
 * {@code mvn -pl engine-connectors/kafka test -Dtest=BoundedMemoryPipelineTest -Dbounded.invoices=1000000
 * -Dbounded.heap=-Xmx512m}.
 */
class BoundedMemoryPipelineTest extends KafkaTestSupport {
    static final int INVOICES = 150_000;
    static final int MEGABYTES = 100;
    static final String HEAP = "-Xmx96m";
    /** The sizes of this run: the constants unless {@code -Dbounded.invoices} / {@code -Dbounded.heap} say otherwise. */
    private static final int RUN_INVOICES = Integer.getInteger("bounded.invoices", INVOICES);
    private static final String RUN_HEAP = System.getProperty("bounded.heap", HEAP);

    @TempDir
    Path dir;

    @Test
    void aTopicLargerThanTheHeapFlowsThroughInOneBatch() throws Exception {
        String in = topic("bounded-in", 2);
        String out = topic("bounded-out", 2);
        long lineItems = 0;
        long bytes = 0;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int from = 0; from < RUN_INVOICES; from += 10_000) {
                for (String invoice : TutorialInvoices.generate(from, 10_000, from)) {
                    lineItems += invoice.split("\"ItemCode\"", -1).length - 1;
                    bytes += invoice.getBytes(StandardCharsets.UTF_8).length;
                    producer.send(new ProducerRecord<>(in, invoice));
                }
            }
        }
        assertThat(bytes).as("input larger than the probe's heap")
                .isGreaterThan(MEGABYTES * 1_000_000L * RUN_INVOICES / INVOICES);

        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                RUN_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                BoundedMemoryPipelineProbe.class.getName(), servers(), in, out, dir.resolve("cp").toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(5L * Math.max(1, RUN_INVOICES / INVOICES), TimeUnit.MINUTES)).as("probe finished")
                .isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("BATCHES 1 INPUT " + RUN_INVOICES);

        // exactly once: each line item in a committed transaction, none twice
        assertThat(KafkaReading.readAll(servers(), out, true)).hasSize((int) lineItems);
    }
}
