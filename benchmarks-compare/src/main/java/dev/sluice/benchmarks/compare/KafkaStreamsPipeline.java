package dev.sluice.benchmarks.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * W4 on Kafka Streams: the same transformation as the Spark/Sluice query (parse the invoice JSON with Jackson,
 * one output record per line item keyed by the invoice number, value {@code {"StoreID","ItemCode","TotalValue"}}
 * in {@code to_json}'s field order), two stream threads (the parallelism of {@code local[2]}),
 * {@code processing.guarantee=exactly_once_v2} (the guarantee issue 14's target names; Sluice writes with its
 * exactly-once sink). Kafka Streams never terminates on its own, so the run ends when the application's consumer
 * group has committed the input topic's end offsets: under exactly_once_v2 those offsets commit in the same
 * transaction as the output records, so the output is then complete and visible to {@code read_committed} readers
 * (counting output offsets would not do: transaction markers take offsets too).
 * Not thread-safe; one run per instance.
 */
final class KafkaStreamsPipeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaStreamsPipeline() {
    }

    static Measurement run(WorkloadOptions options, String bootstrapServers, String topic) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(KafkaData.INVOICES, Consumed.with(Serdes.String(), Serdes.String()))
                .flatMap((key, value) -> lineItems(value))
                .to(topic, Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "compare-" + System.nanoTime());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        Path state = options.checkpointDir("kstreams", Workload.W4);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put("auto.offset.reset", "earliest");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        String application = (String) props.get(StreamsConfig.APPLICATION_ID_CONFIG);
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, Long> inputEnd = endOffsets(admin, KafkaData.INVOICES);
            streams.start();
            while (!committedUpTo(admin, application, inputEnd)) {
                if (streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("Kafka Streams failed while writing " + topic);
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            streams.close(Duration.ofSeconds(30));
            return Queries.throughput("kstreams", Workload.W4, options.invoices, seconds, "");
        }
    }

    private static List<KeyValue<String, String>> lineItems(String invoiceJson) {
        try {
            JsonNode invoice = JSON.readTree(invoiceJson);
            String number = invoice.get("InvoiceNumber").asText();
            String store = invoice.get("StoreID").asText();
            List<KeyValue<String, String>> out = new ArrayList<>();
            for (JsonNode item : invoice.get("InvoiceLineItems")) {
                ObjectNode value = JSON.createObjectNode();
                value.put("StoreID", store);
                value.put("ItemCode", item.get("ItemCode").asText());
                value.put("TotalValue", item.get("TotalValue").asDouble());
                out.add(KeyValue.pair(number, JSON.writeValueAsString(value)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("invoice is not JSON: " + invoiceJson, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        for (int p = 0; p < KafkaData.PARTITIONS; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new java.util.HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** Whether {@code group} has committed (stably: its transactions ended) every offset of {@code end}. */
    private static boolean committedUpTo(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group,
                new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get();
        for (var e : end.entrySet()) {
            OffsetAndMetadata at = committed.get(e.getKey());
            if (e.getValue() > 0 && (at == null || at.offset() < e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
