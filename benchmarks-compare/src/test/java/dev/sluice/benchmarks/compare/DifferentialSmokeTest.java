package dev.sluice.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.EmbeddedKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every comparison workload at tiny sizes on Sluice and Spark (and Kafka Streams for W4) in this JVM: each must
 * compute the same result on every engine, and that result must be the one computed here in plain Java, so the
 * speed table never compares engines that did different work. Built and run only with {@code -Pcompare}.
 */
class DifferentialSmokeTest {
    private static final WorkloadOptions OPTIONS = new WorkloadOptions();
    private static List<Engine> engines;

    @BeforeAll
    static void start() throws Exception {
        OPTIONS.rows = 24_000;
        OPTIONS.files = 4;
        OPTIONS.filesPerTrigger = 2;
        OPTIONS.keys = 50;
        OPTIONS.eventMinutes = 30;
        OPTIONS.latencyWarmup = 2;
        OPTIONS.latencyBatches = 60;
        OPTIONS.invoices = 300;
        OPTIONS.maxOffsetsPerTrigger = 100;
        OPTIONS.workDir = Path.of("smoke-work").toAbsolutePath();
        EventData.deleteTree(OPTIONS.workDir);
        EventData.ensure(OPTIONS);
        engines = List.of(new SluiceEngine(OPTIONS), new SparkEngine(OPTIONS));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Engine e : engines) {
            e.close();
        }
    }

    /** The W1/W2 result computed row by row from the generator, without any engine. */
    private static String expectedAggregate() {
        GroupDigest expected = new GroupDigest();
        java.util.Map<List<Long>, long[]> groups = new java.util.HashMap<>();
        for (long i = 0; i < OPTIONS.rows; i++) {
            long windowStart = Math.floorDiv(EventData.eventMillis(OPTIONS, i), 60_000L) * 60;
            long[] g = groups.computeIfAbsent(List.of(windowStart, EventData.key(OPTIONS, i)), k -> new long[2]);
            g[0]++;
            g[1] += EventData.value(i);
        }
        groups.forEach((k, v) -> expected.add(k.get(0), k.get(1), v[0], v[1]));
        return expected.summary();
    }

    @Test
    void windowedAggregationIsTheSameOnBothEnginesAndMatchesPlainJava() throws Exception {
        String expected = expectedAggregate();
        assertThat(expected).startsWith("groups=1500 count=24000 ");
        for (boolean rocksDb : new boolean[] {false, true}) {
            Workload workload = rocksDb ? Workload.W2 : Workload.W1;
            List<String> noopChecks = new ArrayList<>();
            for (Engine e : engines) {
                GroupDigest digest = new GroupDigest();
                e.windowedAggregation(OPTIONS, workload, rocksDb, digest);
                assertThat(digest.summary()).as(e.name() + " " + workload).isEqualTo(expected);
                noopChecks.add(e.windowedAggregation(OPTIONS, workload, rocksDb, null).check());
            }
            assertThat(noopChecks.get(0)).as(workload + " noop run").startsWith("inputRows=24000 ")
                    .isEqualTo(noopChecks.get(1));
        }
    }

    @Test
    void oneRowBatchesReportEveryBatchOnBothEngines() throws Exception {
        for (Engine e : engines) {
            Measurement[] latency = WorkloadMain.latency(e, OPTIONS);
            assertThat(latency).extracting(Measurement::check).containsOnly("batches=60");
            assertThat(latency[0].value()).as(e.name() + " p50").isLessThanOrEqualTo(latency[1].value());
        }
    }

    @Test
    void kafkaPipelineWritesTheSameRecordsOnAllThreeEngines() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic(KafkaData.INVOICES, KafkaData.PARTITIONS);
            KafkaData.fillInvoices(kafka.bootstrapServers(), OPTIONS.invoices);
            List<String> digests = new ArrayList<>();
            for (Engine e : engines) {
                kafka.createTopic("items-" + e.name(), KafkaData.PARTITIONS);
                e.kafkaPipeline(OPTIONS, kafka.bootstrapServers(), "items-" + e.name());
                digests.add(KafkaData.digest(kafka.bootstrapServers(), "items-" + e.name()));
            }
            kafka.createTopic("items-kstreams", KafkaData.PARTITIONS);
            KafkaStreamsPipeline.run(OPTIONS, kafka.bootstrapServers(), "items-kstreams");
            digests.add(KafkaData.digest(kafka.bootstrapServers(), "items-kstreams"));
            assertThat(digests.get(0)).startsWith("records=900 ");
            assertThat(digests).containsOnly(digests.get(0));
        }
    }
}
