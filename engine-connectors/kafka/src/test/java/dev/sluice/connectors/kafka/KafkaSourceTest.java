package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.streaming.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming source's options, one behaviour per test, against the real broker. */
class KafkaSourceTest extends KafkaTestSupport {
    @TempDir
    Path dir;

    private Map<String, String> base(String... extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("kafka.bootstrap.servers", servers());
        for (int i = 0; i < extra.length; i += 2) {
            o.put(extra[i], extra[i + 1]);
        }
        return o;
    }

    private StreamingQuery toMemory(String name, Map<String, String> options) throws Exception {
        return spark.readStream().format("kafka").options(options).load().writeStream().format("memory")
                .queryName(name).option("checkpointLocation", dir.resolve(name).toString()).start();
    }

    private List<String> memoryValues(String name) {
        return column(spark.table(name).orderBy("topic", "partition", "offset").collectAsList(), "value");
    }

    private static List<Long> batchSizes(StreamingQuery q) {
        return Arrays.stream(q.recentProgress()).map(StreamingQueryProgress::numInputRows).filter(n -> n > 0).toList();
    }

    @Test
    void subscribeReadsAllPartitionsFromEarliestAndFillsTheMetadataColumns() throws Exception {
        String t = topic("sub", 2);
        send(t, 0, "a", "b");
        send(t, 1, "c");
        StreamingQuery q = toMemory("sub_earliest", base("subscribe", t, "startingOffsets", "earliest"));
        q.processAllAvailable();
        List<Row> rows = spark.table("sub_earliest").orderBy("partition", "offset").collectAsList();
        assertThat(column(rows, "value")).containsExactly("a", "b", "c");
        assertThat(column(rows, "key")).containsExactly("a", "b", "c");
        assertThat(column(rows, "topic")).containsOnly(t);
        assertThat(column(rows, "partition")).containsExactly("0", "0", "1");
        assertThat(column(rows, "offset")).containsExactly("0", "1", "0");
        assertThat(column(rows, "timestampType")).containsOnly("0");
        assertThat(rows.get(0).get(rows.get(0).fieldIndex("timestamp"))).isNotNull();
        assertThat(q.lastProgress().sources()[0].endOffset()).isEqualTo("{\"" + t + "\":{\"0\":2,\"1\":1}}");
    }

    @Test
    void latestSkipsWhatWasThereBeforeTheQueryStarted() throws Exception {
        String t = topic("latest", 1);
        send(t, 0, "old");
        StreamingQuery q = toMemory("sub_latest", base("subscribe", t));
        q.processAllAvailable();
        send(t, 0, "new");
        q.processAllAvailable();
        assertThat(memoryValues("sub_latest")).containsExactly("new");
    }

    @Test
    void specificStartingOffsetsWithEarliestAndLatestMarkers() throws Exception {
        String t = topic("specific", 3);
        send(t, 0, "p0-0", "p0-1", "p0-2");
        send(t, 1, "p1-0", "p1-1");
        send(t, 2, "p2-0");
        String json = "{\"" + t + "\":{\"0\":1,\"1\":-2,\"2\":-1}}";
        StreamingQuery q = toMemory("specific", base("subscribe", t, "startingOffsets", json));
        q.processAllAvailable();
        assertThat(memoryValues("specific")).containsExactly("p0-1", "p0-2", "p1-0", "p1-1");
    }

    @Test
    void specificStartingOffsetsMustNameEveryPartition() throws Exception {
        String t = topic("specific-missing", 2);
        StreamingQuery q = toMemory("specific_missing", base("subscribe", t, "startingOffsets",
                "{\"" + t + "\":{\"0\":0}}"));
        assertThatThrownBy(q::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("you must specify all TopicPartitions").hasMessageContaining(t + "-1");
    }

    @Test
    void assignReadsOnlyTheGivenPartitions() throws Exception {
        String t = topic("assign", 3);
        send(t, 0, "zero");
        send(t, 1, "one");
        send(t, 2, "two");
        StreamingQuery q = toMemory("assigned", base("assign", "{\"" + t + "\":[0,2]}", "startingOffsets", "earliest"));
        q.processAllAvailable();
        assertThat(memoryValues("assigned")).containsExactly("zero", "two");
        assertThat(q.lastProgress().sources()[0].description()).isEqualTo("KafkaV2[Assign[" + t + "-0," + t + "-2]]");
    }

    @Test
    void subscribePatternDiscoversTopicsCreatedLater() throws Exception {
        String prefix = "pattern" + System.nanoTime();
        String first = prefix + "-a";
        kafka.createTopic(first, 1);
        send(first, 0, "a1");
        StreamingQuery q = toMemory("pattern", base("subscribePattern", prefix + "-.*", "startingOffsets", "earliest"));
        q.processAllAvailable();
        String second = prefix + "-b";
        kafka.createTopic(second, 1);
        send(second, 0, "b1");
        eventually("the new topic is read", () -> {
            q.processAllAvailable();
            return memoryValues("pattern").size() == 2;
        });
        assertThat(memoryValues("pattern")).containsExactly("a1", "b1");
    }

    @Test
    void newPartitionsOfASubscribedTopicAreReadFromTheirStart() throws Exception {
        String t = topic("grow", 1);
        send(t, 0, "before");
        StreamingQuery q = toMemory("grow", base("subscribe", t, "startingOffsets", "earliest"));
        q.processAllAvailable();
        try (var admin = kafka.admin()) {
            admin.createPartitions(Map.of(t, NewPartitions.increaseTo(3))).all().get();
        }
        send(t, 1, "p1");
        send(t, 2, "p2");
        eventually("the new partitions are read", () -> {
            q.processAllAvailable();
            return memoryValues("grow").size() == 3;
        });
        assertThat(memoryValues("grow")).containsExactly("before", "p1", "p2");
    }

    @Test
    void startingTimestampAndPerPartitionTimestamps() throws Exception {
        String t = topic("ts", 2);
        long t0 = 1_700_000_000_000L;
        try (KafkaProducer<String, String> p = producer(servers())) {
            p.send(new ProducerRecord<>(t, 0, t0, "k", "p0-early"));
            p.send(new ProducerRecord<>(t, 0, t0 + 10_000, "k", "p0-late"));
            p.send(new ProducerRecord<>(t, 1, t0, "k", "p1-early"));
            p.send(new ProducerRecord<>(t, 1, t0 + 10_000, "k", "p1-late"));
            p.flush();
        }
        StreamingQuery global = toMemory("ts_global", base("subscribe", t, "startingTimestamp",
                Long.toString(t0 + 5_000)));
        global.processAllAvailable();
        assertThat(memoryValues("ts_global")).containsExactly("p0-late", "p1-late");

        StreamingQuery perPartition = toMemory("ts_partition", base("subscribe", t, "startingOffsetsByTimestamp",
                "{\"" + t + "\":{\"0\":" + t0 + ",\"1\":" + (t0 + 5_000) + "}}"));
        perPartition.processAllAvailable();
        assertThat(memoryValues("ts_partition")).containsExactly("p0-early", "p0-late", "p1-late");
        List<Row> rows = spark.table("ts_partition").orderBy("partition", "offset").collectAsList();
        assertThat(rows.get(0).get(rows.get(0).fieldIndex("timestamp")))
                .isEqualTo(java.sql.Timestamp.from(java.time.Instant.ofEpochMilli(t0)));

        StreamingQuery tooLate = toMemory("ts_none", base("subscribe", t, "startingTimestamp",
                Long.toString(t0 + 60_000)));
        assertThatThrownBy(tooLate::processAllAvailable).hasMessageContaining("No offset matched");
        StreamingQuery fallback = toMemory("ts_fallback", base("subscribe", t, "startingTimestamp",
                Long.toString(t0 + 60_000), "startingOffsetsByTimestampStrategy", "latest"));
        fallback.processAllAvailable();
        assertThat(memoryValues("ts_fallback")).isEmpty();
    }

    @Test
    void maxOffsetsPerTriggerSplitsTheBacklogAcrossPartitions() throws Exception {
        String t = topic("max", 2);
        send(t, 0, "a", "b", "c", "d", "e", "f");
        send(t, 1, "g", "h");
        StreamingQuery q = toMemory("max", base("subscribe", t, "startingOffsets", "earliest",
                "maxOffsetsPerTrigger", "4"));
        q.processAllAvailable();
        assertThat(memoryValues("max")).hasSize(8);
        assertThat(batchSizes(q)).containsExactly(4L, 4L);
    }

    @Test
    void progressReportsHowFarEachPartitionIsBehindAsSparkDoes() throws Exception {
        String t = topic("behind", 2);
        send(t, 0, "a", "b", "c", "d", "e", "f");
        send(t, 1, "g", "h");
        StreamingQuery q = toMemory("behind", base("subscribe", t, "startingOffsets", "earliest",
                "maxOffsetsPerTrigger", "4"));
        q.processAllAvailable();
        StreamingQueryProgress first = Arrays.stream(q.recentProgress()).filter(p -> p.numInputRows() > 0)
                .findFirst().orElseThrow();
        // 4 of 8 offsets in the first batch, split by partition size: 3 of partition 0 (3 left), 1 of 1 (1 left)
        assertThat(first.sources()[0].metrics()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "minOffsetsBehindLatest", "1", "maxOffsetsBehindLatest", "3", "avgOffsetsBehindLatest", "2.0"));
        assertThat(q.lastProgress().sources()[0].metrics()).containsEntry("maxOffsetsBehindLatest", "0");
        assertThat(q.lastProgress().prettyJson()).contains("\"avgOffsetsBehindLatest\" : \"0.0\"");
    }

    @Test
    void triggerOnceIgnoresTheRateLimitAndAvailableNowStopsAtTheStartingEnd() throws Exception {
        String t = topic("once", 1);
        send(t, 0, "a", "b", "c", "d", "e");
        StreamingQuery once = spark.readStream().format("kafka").options(base("subscribe", t, "startingOffsets",
                        "earliest", "maxOffsetsPerTrigger", "2")).load().writeStream().format("memory")
                .queryName("once").trigger(Trigger.Once()).start();
        once.awaitTermination();
        assertThat(memoryValues("once")).hasSize(5);

        StreamingQuery now = spark.readStream().format("kafka").options(base("subscribe", t, "startingOffsets",
                        "earliest", "maxOffsetsPerTrigger", "2")).load().writeStream().format("memory")
                .queryName("now").trigger(Trigger.AvailableNow()).start();
        now.awaitTermination();
        assertThat(memoryValues("now")).hasSize(5);
        assertThat(batchSizes(now)).containsExactly(2L, 2L, 1L);
    }

    @Test
    void minOffsetsPerTriggerWaitsForEnoughRecordsOrTheMaximumDelay() throws Exception {
        String t = topic("min", 1);
        StreamingQuery q = toMemory("min", base("subscribe", t, "startingOffsets", "earliest",
                "minOffsetsPerTrigger", "3", "maxTriggerDelay", "2s"));
        q.processAllAvailable(); // batch 0, empty
        send(t, 0, "a", "b");
        q.processAllAvailable();
        assertThat(memoryValues("min")).isEmpty();
        send(t, 0, "c");
        q.processAllAvailable();
        assertThat(memoryValues("min")).containsExactly("a", "b", "c");
        send(t, 0, "d");
        long sent = System.currentTimeMillis();
        eventually("the delayed batch runs", () -> memoryValues("min").size() == 4);
        assertThat(System.currentTimeMillis() - sent).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void includeHeadersAddsAHeadersColumn() throws Exception {
        String t = topic("headers", 1);
        try (KafkaProducer<String, String> p = producer(servers())) {
            p.send(new ProducerRecord<>(t, 0, "k", "with", List.of(new RecordHeader("h1", "v1".getBytes(
                    StandardCharsets.UTF_8)), new RecordHeader("h2", null))));
            p.send(new ProducerRecord<>(t, 0, "k", "without"));
            p.flush();
        }
        Dataset<Row> df = spark.readStream().format("kafka").options(base("subscribe", t, "startingOffsets", "earliest",
                "includeHeaders", "true")).load();
        assertThat(df.schema().simpleString()).endsWith(",headers:array<struct<key:string,value:binary>>>");
        StreamingQuery q = df.selectExpr("CAST(value AS STRING) AS value", "headers").writeStream().format("memory")
                .queryName("headers").start();
        q.processAllAvailable();
        List<Row> rows = spark.table("headers").collectAsList();
        assertThat(rows).hasSize(2);
        List<?> headers = rows.get(0).getList(1);
        assertThat(headers).hasSize(2);
        Row h1 = (Row) headers.get(0);
        assertThat(h1.getString(0)).isEqualTo("h1");
        assertThat(new String((byte[]) h1.get(1), StandardCharsets.UTF_8)).isEqualTo("v1");
        assertThat(((Row) headers.get(1)).get(1)).isNull();
        assertThat(rows.get(1).get(1)).isNull();
    }

    @Test
    void groupIdOptionsAreAccepted() throws Exception {
        String t = topic("group", 1);
        send(t, 0, "x");
        StreamingQuery prefixed = toMemory("group_prefix", base("subscribe", t, "startingOffsets", "earliest",
                "groupIdPrefix", "my-app"));
        StreamingQuery fixed = toMemory("group_fixed", base("subscribe", t, "startingOffsets", "earliest",
                "kafka.group.id", "my-group"));
        prefixed.processAllAvailable();
        fixed.processAllAvailable();
        assertThat(memoryValues("group_prefix")).containsExactly("x");
        assertThat(memoryValues("group_fixed")).containsExactly("x");
    }

    @Test
    void aRestartedQueryContinuesFromItsCheckpointedOffsets() throws Exception {
        String t = topic("restart", 1);
        send(t, 0, "a", "b");
        StreamingQuery first = toMemory("restart1", base("subscribe", t, "startingOffsets", "earliest"));
        first.processAllAvailable();
        first.stop();
        send(t, 0, "c");
        StreamingQuery second = spark.readStream().format("kafka").options(base("subscribe", t)).load()
                .writeStream().format("memory").queryName("restart2")
                .option("checkpointLocation", dir.resolve("restart1").toString()).start();
        second.processAllAvailable();
        assertThat(memoryValues("restart2")).containsExactly("c");
    }

    @Test
    void failOnDataLossTrueFailsNamingThePartitionAndOffsets() throws Exception {
        String t = topic("loss", 1);
        send(t, 0, "a", "b");
        StreamingQuery q = toMemory("loss", base("subscribe", t, "startingOffsets", "earliest",
                "maxOffsetsPerTrigger", "1"));
        eventually("the first record is read", () -> memoryValues("loss").size() >= 1);
        q.stop();
        send(t, 0, "c", "d");
        deleteRecordsBefore(t, 3);
        StreamingQuery restarted = toMemory("loss", base("subscribe", t, "maxOffsetsPerTrigger", "1"));
        assertThatThrownBy(restarted::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE")
                .hasMessageContaining(t + "-0").hasMessageMatching("(?s).*Could not read records in offset \\[\\d, \\d\\).*")
                .hasMessageContaining("failOnDataLoss");
    }

    @Test
    void failOnDataLossFalseSkipsWhatIsGone() throws Exception {
        String t = topic("lossok", 1);
        send(t, 0, "a", "b");
        StreamingQuery q = toMemory("lossok", base("subscribe", t, "startingOffsets", "earliest"));
        q.processAllAvailable();
        q.stop();
        send(t, 0, "c", "d", "e");
        deleteRecordsBefore(t, 4);
        StreamingQuery restarted = toMemory("lossok", base("subscribe", t, "failOnDataLoss", "false"));
        restarted.processAllAvailable();
        assertThat(memoryValues("lossok")).containsExactly("e");
    }

    @Test
    void aDeletedTopicIsDataLoss() throws Exception {
        String t = topic("deleted", 1);
        send(t, 0, "a");
        StreamingQuery q = toMemory("deleted", base("subscribe", t, "startingOffsets", "earliest"));
        q.processAllAvailable();
        try (var admin = kafka.admin()) {
            admin.deleteTopics(Set.of(t)).all().get();
        }
        eventually("the query fails", () -> !q.isActive());
        assertThat(q.exception().get()).hasMessageContaining("KAFKA_DATA_LOSS.PARTITIONS_DELETED")
                .hasMessageContaining("[" + t + "-0]");

        String u = topic("deleted-ok", 1);
        send(u, 0, "a");
        StreamingQuery tolerant = toMemory("deleted_ok", base("subscribe", u, "startingOffsets", "earliest",
                "failOnDataLoss", "false"));
        tolerant.processAllAvailable();
        try (var admin = kafka.admin()) {
            admin.deleteTopics(Set.of(u)).all().get();
        }
        tolerant.processAllAvailable();
        assertThat(tolerant.isActive()).isTrue();
    }

    @Test
    void invalidOptionsAreRejectedWhenTheStreamIsDefined() {
        assertThatThrownBy(() -> spark.readStream().format("kafka").option("subscribe", "t").load())
                .hasMessageContaining("'kafka.bootstrap.servers' must be specified");
        assertThatThrownBy(() -> spark.readStream().format("kafka").options(base()).load())
                .hasMessageContaining("One of the following options must be specified for Kafka source: subscribe,"
                        + " subscribePattern, assign");
        assertThatThrownBy(() -> spark.readStream().format("kafka").options(base("subscribe", "a",
                "assign", "{\"a\":[0]}")).load()).hasMessageContaining("Only one of the following options");
        assertThatThrownBy(() -> spark.readStream().format("kafka").options(base("subscribe", "a",
                "kafka.auto.offset.reset", "earliest")).load()).hasMessageContaining("startingOffsets");
        assertThatThrownBy(() -> spark.readStream().format("kafka").options(base("subscribe", "a",
                "startingOffsets", "{\"a\":")).load()).hasMessageContaining("startingOffsets");
        assertThatThrownBy(() -> spark.readStream().format("kafka").options(base("subscribe", "a",
                "endingOffsets", "latest")).load()).hasMessageContaining("only for batch queries");
        assertThatThrownBy(() -> spark.readStream().format("kafka").options(base("subscribe", "a",
                "minOffsetsPerTrigger", "10", "maxOffsetsPerTrigger", "5")).load())
                .hasMessageContaining("minOffsetsPerTrigger");
    }

    private void deleteRecordsBefore(String t, long offset) throws Exception {
        try (var admin = kafka.admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(t, 0), RecordsToDelete.beforeOffset(offset))).all().get();
        }
    }
}
