package dev.sluice.connectors.kafka;

import dev.sluice.connectors.support.Redaction;
import dev.sluice.connectors.support.SinkCheckpoint;
import dev.sluice.spi.Options;
import dev.sluice.spi.SinkContext;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * The Kafka sink's options, checked when the query starts: {@code kafka.bootstrap.servers} and any
 * {@code kafka.*} producer property; {@code topic} (overrides the {@code topic} column);
 * {@code deliveryGuarantee} = {@code at_least_once} (default) | {@code exactly_once};
 * {@code transactionalIdPrefix} (exactly-once only; default derived from the query id in the checkpoint).
 * Immutable.
 */
final class KafkaSinkOptions {
    /** How rows reach Kafka. */
    enum DeliveryGuarantee { AT_LEAST_ONCE, EXACTLY_ONCE }

    final Map<String, Object> kafkaParams;
    final String topic;
    final DeliveryGuarantee guarantee;
    final String transactionalIdPrefix;
    /** The query's checkpoint folder when it can be known now (option or session default), else null. */
    final Path checkpointLocation;

    private KafkaSinkOptions(KafkaSinkOptions base, Map<String, Object> kafkaParams) {
        this.kafkaParams = Collections.unmodifiableMap(kafkaParams);
        this.topic = base.topic;
        this.guarantee = base.guarantee;
        this.transactionalIdPrefix = base.transactionalIdPrefix;
        this.checkpointLocation = base.checkpointLocation;
    }

    /** These options with the producer setting {@code key} at {@code value} unless the user set it. */
    KafkaSinkOptions withDefault(String key, Object value) {
        if (KafkaParams.get(kafkaParams, key) != null) {
            return this;
        }
        Map<String, Object> params = new java.util.HashMap<>(kafkaParams);
        params.put(key, value);
        return new KafkaSinkOptions(this, params);
    }

    KafkaSinkOptions(SinkContext context) {
        Map<String, String> options = context.options();
        kafkaParams = Collections.unmodifiableMap(KafkaParams.clientProperties(options));
        KafkaParams.requireBootstrapServers(kafkaParams, "producer");
        KafkaParams.reject(kafkaParams, "key.serializer", "keys are serialized with ByteArraySerializer; convert the"
                + " key column to a string or binary.");
        KafkaParams.reject(kafkaParams, "value.serializer", "values are serialized with ByteArraySerializer; convert"
                + " the value column to a string or binary.");
        KafkaParams.reject(kafkaParams, "transactional.id", "set the sink option deliveryGuarantee=exactly_once (and"
                + " optionally transactionalIdPrefix) to write with transactions.");
        KafkaParams.validate(kafkaParams, "producer");
        topic = Options.get(options, "topic", null);
        String guaranteeText = Options.get(options, "deliveryGuarantee", "at_least_once").trim()
                .toLowerCase(Locale.ROOT).replace('-', '_');
        guarantee = switch (guaranteeText) {
            case "at_least_once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            case "exactly_once" -> DeliveryGuarantee.EXACTLY_ONCE;
            default -> throw KafkaErrors.invalidOption("Option 'deliveryGuarantee' must be 'at_least_once' or"
                    + " 'exactly_once', got '" + guaranteeText + "'.");
        };
        transactionalIdPrefix = Options.get(options, "transactionalIdPrefix", null);
        checkpointLocation = SinkCheckpoint.location(context);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            Object idempotence = KafkaParams.get(kafkaParams, "enable.idempotence");
            if (idempotence != null && !Boolean.parseBoolean(idempotence.toString().trim())) {
                throw KafkaErrors.invalidOption("deliveryGuarantee=exactly_once needs an idempotent producer; remove"
                        + " kafka.enable.idempotence=false.");
            }
            if (transactionalIdPrefix == null && checkpointLocation == null) {
                throw KafkaErrors.invalidOption("deliveryGuarantee=exactly_once needs a stable identity for the query"
                        + " across restarts: set the checkpointLocation option (or"
                        + " spark.sql.streaming.checkpointLocation and a queryName), or the transactionalIdPrefix option.");
            }
        } else if (transactionalIdPrefix != null) {
            throw KafkaErrors.invalidOption("Option 'transactionalIdPrefix' only applies with"
                    + " deliveryGuarantee=exactly_once.");
        }
    }

    @Override
    public String toString() {
        return "KafkaSinkOptions" + Redaction.redact(kafkaParams) + " topic=" + topic + " deliveryGuarantee="
                + guarantee.name().toLowerCase(Locale.ROOT);
    }
}
