package dev.sluice.connectors.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Spark's JSON forms of per-partition values: {@code {"topic":{"0":23,"1":-1}}} for offsets or timestamps,
 * and {@code {"topic":[0,1]}} for the {@code assign} option. Output is canonical (topics in name order,
 * partitions in numeric order), so two equal maps always give the same text. Stateless.
 */
public final class PartitionOffsets {
    /** Orders topic-partitions by topic name, then partition number. */
    public static final Comparator<TopicPartition> ORDER = Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition);
    private static final JsonFactory JSON = new JsonFactory();

    private PartitionOffsets() {
    }

    /** A new empty map ordered by {@link #ORDER}. */
    public static TreeMap<TopicPartition, Long> newMap() {
        return new TreeMap<>(ORDER);
    }

    /** The canonical JSON of {@code offsets}. */
    public static String toJson(Map<TopicPartition, Long> offsets) {
        TreeMap<TopicPartition, Long> sorted = newMap();
        sorted.putAll(offsets);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            String topic = null;
            for (Map.Entry<TopicPartition, Long> e : sorted.entrySet()) {
                if (!e.getKey().topic().equals(topic)) {
                    if (topic != null) {
                        g.writeEndObject();
                    }
                    topic = e.getKey().topic();
                    g.writeObjectFieldStart(topic);
                }
                g.writeNumberField(Integer.toString(e.getKey().partition()), e.getValue());
            }
            if (topic != null) {
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Parses {@code {"topic":{"0":23}}}.
     *
     * @param what names the option or log entry in the error message
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static TreeMap<TopicPartition, Long> fromJson(String json, String what) {
        TreeMap<TopicPartition, Long> out = newMap();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, json, what);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String topic = p.currentName();
                expect(p.nextToken(), JsonToken.START_OBJECT, json, what);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    int partition = Integer.parseInt(p.currentName());
                    expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, json, what);
                    out.put(new TopicPartition(topic, partition), p.getLongValue());
                }
            }
            if (p.nextToken() != null) {
                throw bad(json, what, null);
            }
        } catch (IOException | RuntimeException e) {
            throw e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("Expected") ? iae
                    : bad(json, what, e);
        }
        return out;
    }

    /** Parses the {@code assign} form {@code {"topicA":[0,1],"topicB":[2,4]}}. */
    public static List<TopicPartition> partitionsFromJson(String json, String what) {
        List<TopicPartition> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, json, what);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String topic = p.currentName();
                expect(p.nextToken(), JsonToken.START_ARRAY, json, what);
                while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                    out.add(new TopicPartition(topic, p.getIntValue()));
                }
                expect(p.currentToken(), JsonToken.END_ARRAY, json, what);
            }
        } catch (IOException | RuntimeException e) {
            throw e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("Expected") ? iae
                    : bad(json, what, e);
        }
        return out;
    }

    /** The topic-partitions as Spark prints them in errors: {@code [t-0, t-1]}. */
    static String describe(Collection<TopicPartition> partitions) {
        return KafkaErrors.sorted(partitions).toString();
    }

    private static void expect(JsonToken actual, JsonToken expected, String json, String what) {
        if (actual != expected) {
            throw bad(json, what, null);
        }
    }

    private static IllegalArgumentException bad(String json, String what, Throwable cause) {
        return new IllegalArgumentException("Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}} (or"
                + " {\"topicA\":[0,1]} for assign) in " + what + ", got " + json, cause);
    }
}
