package dev.sluice.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the brokers which partitions the source covers and where their logs begin and end, through an
 * {@link Admin} client (Spark's {@code KafkaOffsetReaderAdmin}). Offsets are listed with the consumer's
 * isolation level, so under {@code read_committed} "latest" is the last stable offset. Calls are retried
 * {@code fetchOffset.numRetries} times, each waiting up to Admin's own timeout while a broker is away.
 * Used from one thread at a time; {@link #close()} once.
 */
final class KafkaOffsetReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsetReader.class);

    private final KafkaSourceOptions options;
    private final Admin admin;
    private final ListOffsetsOptions listOptions;

    KafkaOffsetReader(KafkaSourceOptions options) {
        this.options = options;
        Map<String, Object> props = new HashMap<>(options.kafkaParams);
        props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k) && !isSecurityKey(k));
        this.admin = Admin.create(props);
        // Bounded per attempt (retried fetchOffset.numRetries times): a partition without a leader (e.g. its
        // topic is being deleted) would otherwise hold a trigger for the Admin client's full 60 s.
        this.listOptions = new ListOffsetsOptions(options.readCommitted() ? IsolationLevel.READ_COMMITTED
                : IsolationLevel.READ_UNCOMMITTED).timeoutMs(10_000);
    }

    private static boolean isSecurityKey(String key) {
        return key.startsWith("sasl.") || key.startsWith("ssl.") || key.startsWith("security.");
    }

    /** The partitions currently covered by the topic selection (existing ones only). */
    Set<TopicPartition> partitions() {
        return withRetries("list the partitions of " + options.topics.describe(), () -> {
            TopicSelection selection = options.topics;
            if (selection instanceof TopicSelection.Assign a) {
                Set<String> names = new TreeSet<>();
                a.partitions().forEach(tp -> names.add(tp.topic()));
                Set<TopicPartition> existing = describe(names);
                Set<TopicPartition> out = new LinkedHashSet<>();
                a.partitions().stream().filter(existing::contains).forEach(out::add);
                return out;
            }
            Set<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(false)).names());
            List<String> wanted = new ArrayList<>();
            if (selection instanceof TopicSelection.Subscribe s) {
                s.topics().stream().filter(topics::contains).forEach(wanted::add);
            } else {
                TopicSelection.SubscribePattern p = (TopicSelection.SubscribePattern) selection;
                topics.stream().filter(t -> p.pattern().matcher(t).matches()).forEach(wanted::add);
            }
            return describe(wanted);
        });
    }

    private Set<TopicPartition> describe(Collection<String> topicNames) throws Exception {
        Set<TopicPartition> out = new TreeSet<>(PartitionOffsets.ORDER);
        if (topicNames.isEmpty()) {
            return out;
        }
        var futures = admin.describeTopics(topicNames).topicNameValues();
        for (var e : futures.entrySet()) {
            try {
                TopicDescription d = e.getValue().get();
                d.partitions().forEach(p -> out.add(new TopicPartition(d.name(), p.partition())));
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw ex;
                }
                // deleted between listing and describing: it has no partitions now
            }
        }
        return out;
    }

    TreeMap<TopicPartition, Long> earliest(Collection<TopicPartition> partitions) {
        return list(partitions, OffsetSpec.earliest(), "earliest");
    }

    TreeMap<TopicPartition, Long> latest(Collection<TopicPartition> partitions) {
        return list(partitions, OffsetSpec.latest(), "latest");
    }

    /** The first offset with a timestamp at or after the given one per partition; -1 where there is none. */
    TreeMap<TopicPartition, Long> forTimestamps(Map<TopicPartition, Long> timestamps) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        timestamps.forEach((tp, ts) -> request.put(tp, OffsetSpec.forTimestamp(ts)));
        return listSpecs(request, "offsets by timestamp");
    }

    private TreeMap<TopicPartition, Long> list(Collection<TopicPartition> partitions, OffsetSpec spec, String what) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return listSpecs(request, what + " offsets");
    }

    private TreeMap<TopicPartition, Long> listSpecs(Map<TopicPartition, OffsetSpec> request, String what) {
        TreeMap<TopicPartition, Long> out = PartitionOffsets.newMap();
        if (request.isEmpty()) {
            return out;
        }
        return withRetries("fetch the " + what + " of " + PartitionOffsets.describe(request.keySet()), () -> {
            ListOffsetsResult result = admin.listOffsets(request, listOptions);
            for (TopicPartition tp : request.keySet()) {
                try {
                    out.put(tp, result.partitionResult(tp).get().offset());
                } catch (ExecutionException e) {
                    boolean gone = e.getCause() instanceof UnknownTopicOrPartitionException
                            || (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                            && !topicExists(tp.topic()));
                    if (!gone) {
                        throw e;
                    }
                    // Deleted since it was listed (unknown, or no leader while the topic disappears): leave it
                    // out, so callers see it gone (data loss rules apply) instead of retrying a partition that
                    // will not come back.
                }
            }
            return out;
        });
    }

    /** Whether the topic still exists (a describe answers promptly even while its partitions have no leader). */
    private boolean topicExists(String topic) throws InterruptedException {
        try {
            admin.describeTopics(List.of(topic)).topicNameValues().get(topic).get();
            return true;
        } catch (ExecutionException e) {
            return !(e.getCause() instanceof UnknownTopicOrPartitionException);
        }
    }

    /**
     * Resolves a bound to offsets for {@code partitions}: {@link OffsetBound.Specific} must name exactly
     * these partitions (as Spark requires) and its -2/-1 become earliest/latest.
     */
    TreeMap<TopicPartition, Long> resolve(OffsetBound bound, Set<TopicPartition> partitions, String optionName,
                                          DataLossReporter dataLoss) {
        if (bound instanceof OffsetBound.Earliest) {
            return earliest(partitions);
        }
        if (bound instanceof OffsetBound.Latest) {
            return latest(partitions);
        }
        if (bound instanceof OffsetBound.Specific s) {
            return resolveSpecific(s, partitions, optionName, dataLoss);
        }
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        if (bound instanceof OffsetBound.GlobalTimestamp g) {
            partitions.forEach(tp -> timestamps.put(tp, g.timestampMs()));
        } else {
            timestamps.putAll(((OffsetBound.TimestampPerPartition) bound).timestamps());
            checkSameSet(timestamps.keySet(), partitions, optionName);
        }
        TreeMap<TopicPartition, Long> found = forTimestamps(timestamps);
        List<TopicPartition> missing = found.entrySet().stream().filter(e -> e.getValue() < 0).map(Map.Entry::getKey)
                .toList();
        if (!missing.isEmpty()) {
            if (!options.startingByTimestampFallsBackToLatest) {
                TopicPartition tp = missing.get(0);
                throw new KafkaConnectorException("KAFKA_START_OFFSET_DOES_NOT_MATCH_TIMESTAMP", "No offset matched from"
                        + " request of topic-partition " + tp + " and timestamp " + timestamps.get(tp) + " (option '"
                        + optionName + "'); set startingOffsetsByTimestampStrategy to 'latest' to start at the end"
                        + " instead.", "22000", null);
            }
            found.putAll(latest(missing));
        }
        return found;
    }

    private TreeMap<TopicPartition, Long> resolveSpecific(OffsetBound.Specific s, Set<TopicPartition> partitions,
                                                          String optionName, DataLossReporter dataLoss) {
        checkSameSet(s.offsets().keySet(), partitions, optionName);
        TreeMap<TopicPartition, Long> earliest = earliest(partitions);
        TreeMap<TopicPartition, Long> latest = latest(partitions);
        TreeMap<TopicPartition, Long> out = PartitionOffsets.newMap();
        for (var e : s.offsets().entrySet()) {
            TopicPartition tp = e.getKey();
            long offset = e.getValue();
            if (offset == OffsetBound.EARLIEST) {
                out.put(tp, earliest.get(tp));
            } else if (offset == OffsetBound.LATEST) {
                out.put(tp, latest.get(tp));
            } else if (offset < earliest.get(tp) || offset > latest.get(tp)) {
                long fetched = offset < earliest.get(tp) ? earliest.get(tp) : latest.get(tp);
                dataLoss.report(KafkaErrors.startOffsetReset(tp, offset, fetched));
                out.put(tp, fetched);
            } else {
                out.put(tp, offset);
            }
        }
        return out;
    }

    private static void checkSameSet(Set<TopicPartition> specified, Set<TopicPartition> assigned, String optionName) {
        Set<TopicPartition> a = new TreeSet<>(PartitionOffsets.ORDER);
        a.addAll(assigned);
        Set<TopicPartition> s = new TreeSet<>(PartitionOffsets.ORDER);
        s.addAll(specified);
        if (!a.equals(s)) {
            throw KafkaErrors.invalidOption("If " + optionName + " contains specific offsets, you must specify all"
                    + " TopicPartitions. Use -1 for latest, -2 for earliest. Specified: " + PartitionOffsets.describe(s)
                    + " Assigned: " + PartitionOffsets.describe(a));
        }
    }

    private <T> T withRetries(String what, Callable<T> call) {
        Exception last = null;
        for (int attempt = 0; attempt <= options.fetchOffsetRetries; attempt++) {
            try {
                return call.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw KafkaErrors.broker("Interrupted while trying to " + what, e);
            } catch (KafkaConnectorException | dev.sluice.sql.AnalysisException e) {
                throw e;
            } catch (Exception e) {
                last = e;
                LOG.warn("Attempt {} to {} failed: {}", attempt + 1, what, e.toString());
                sleep(options.fetchOffsetRetryIntervalMs);
            }
        }
        throw KafkaErrors.broker("Could not " + what + " after " + (options.fetchOffsetRetries + 1) + " attempts", last);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws Exception {
        return future.get();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** A call that may fail with a checked exception. */
    @FunctionalInterface
    interface Callable<T> {
        T call() throws Exception;
    }

    /** Where data-loss findings go: thrown under {@code failOnDataLoss=true}, logged otherwise. */
    @FunctionalInterface
    interface DataLossReporter {
        void report(KafkaConnectorException finding);
    }

}
