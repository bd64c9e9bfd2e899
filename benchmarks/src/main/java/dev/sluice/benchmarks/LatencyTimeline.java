package dev.sluice.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The per-record timeline of {@link RealTimeLatencyBenchmark} ({@code -Dtimeline=true}): for every record, when
 * each stage of its path happened, so the slow records show what they waited for. Stamps come from outside the
 * engine, through Kafka's own hooks: the benchmark producer's send and acknowledgement; the broker's append (the
 * topics use {@code message.timestamp.type=LogAppendTime}, so a record's timestamp is the broker's clock at append,
 * in ms, from the producer's acknowledgement); the step that runs the record, just after the query's Kafka reader
 * returned it ({@link #stepped}, a UDF {@code stamp(v)} added to the query's filter in this mode: the source
 * refuses consumer interceptors, as Spark's); the sink's send
 * and acknowledgement ({@link SinkStamp}, a producer interceptor given to the sink); the output's broker append and
 * the benchmark consumer's poll return. Times are {@code System.nanoTime()} of the one JVM; broker appends are wall
 * clock ms, placed on the same scale through a pair of clock readings taken at the start (±1 ms).
 *
 * <p>Threading: stamps are written by the Kafka client threads (each slot once, first writer wins) and read
 * after the run by the benchmark's main thread; one timeline per process ({@link #current}).
 */
final class LatencyTimeline {
    /** The timeline the interceptors stamp into (the interceptors are created by Kafka through reflection). */
    static volatile LatencyTimeline current;

    private static final String[] STAGES = {"sent", "in ack", "in append", "step", "sink send", "sink ack",
        "out append", "visible"};
    private static final int SENT = 0;
    private static final int IN_ACK = 1;
    private static final int IN_APPEND = 2;
    private static final int READER = 3;
    private static final int SINK_SEND = 4;
    private static final int SINK_ACK = 5;
    private static final int OUT_APPEND = 6;
    private static final int VISIBLE = 7;

    private final int keys;
    private final long[][] at;
    /** Wall clock ms and nanoTime read together: a broker's append time (wall ms) on the nanoTime scale. */
    private final long wallBaseMs = System.currentTimeMillis();
    private final long nanoBase = System.nanoTime();
    /** The sink's acknowledgements by (partition, offset), joined to records when the consumer sees them. */
    private final Map<Long, Long> sinkAcks = new ConcurrentHashMap<>();

    /** GC pauses seen during the run: {start, end} on the nanoTime scale. */
    private final List<long[]> gcPauses = java.util.Collections.synchronizedList(new ArrayList<>());

    LatencyTimeline(int records, int keys) {
        this.keys = keys;
        this.at = new long[STAGES.length][records];
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(n.getType())) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) n.getUserData());
                    // G1's "Concurrent GC" / ZGC's "Cycles" beans time work that does not stop the threads
                    if (!info.getGcName().contains("Concurrent") && !info.getGcName().contains("Cycles")) {
                        gcPauses.add(new long[] {wallToNanos(jvmStartMs + info.getGcInfo().getStartTime()),
                            wallToNanos(jvmStartMs + info.getGcInfo().getEndTime())});
                    }
                }, null, null);
            }
        }
    }

    /** Whether a GC pause overlapped record {@code i}'s path from sending to visibility. */
    private boolean hitByGc(int i, long[] sent, long[] seen) {
        synchronized (gcPauses) {
            for (long[] p : gcPauses) {
                if (p[1] >= sent[i] && p[0] <= seen[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    private void stamp(int stage, int i, long nanos) {
        if (i >= 0 && i < at[stage].length && at[stage][i] == 0) {
            at[stage][i] = nanos;
        }
    }

    private long wallToNanos(long wallMs) {
        return nanoBase + (wallMs - wallBaseMs) * 1_000_000;
    }

    void sent(int i, long nanos) {
        stamp(SENT, i, nanos);
    }

    /** The broker acknowledged input record {@code i}, appended at {@code appendMs} (its log-append time). */
    void inputAcked(int i, long appendMs) {
        stamp(IN_ACK, i, System.nanoTime());
        stamp(IN_APPEND, i, wallToNanos(appendMs));
    }

    /** The benchmark consumer saw record {@code i}'s result (an output record appended at {@code appendMs}). */
    void visible(int i, long nanos, int partition, long offset, long appendMs) {
        stamp(VISIBLE, i, nanos);
        stamp(OUT_APPEND, i, wallToNanos(appendMs));
        Long ack = sinkAcks.get(key(partition, offset));
        if (ack != null) {
            stamp(SINK_ACK, i, ack);
        }
    }

    private static long key(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    /** The record index an output record stands for (for an aggregation: the key's record of that count). */
    private int outputIndex(byte[] key, byte[] value) {
        String v = new String(value, StandardCharsets.UTF_8);
        if (v.startsWith("seen:")) {
            return Integer.parseInt(v.substring(5));
        }
        int k = Integer.parseInt(new String(key, StandardCharsets.UTF_8).substring(1));
        return k + (Integer.parseInt(v) - 1) * keys;
    }

    /**
     * Prints, per hop between consecutive stages, its p50 / p99 over all records and its mean over the slowest 1%
     * (arrival → visible), then the full timeline of the slowest records and the JVM's GC time.
     */
    void report(int from, long[] sent, long[] seen, long gcMsDuringRun) {
        List<Integer> measured = new ArrayList<>();
        for (int i = from; i < sent.length; i++) {
            if (seen[i] != 0) {
                measured.add(i);
            }
        }
        if (measured.isEmpty()) {
            return;
        }
        measured.sort((a, b) -> Long.compare(seen[a] - sent[a], seen[b] - sent[b]));
        List<Integer> slow = measured.subList((int) (measured.size() * 0.99), measured.size());
        System.out.println("timeline (ms) per hop: p50 / p99 over all records | mean over the slowest 1% ("
                + slow.size() + " records, arrival -> visible >= " + ms(seen[slow.get(0)] - sent[slow.get(0)]) + ")");
        int[][] hops = {{SENT, IN_ACK}, {SENT, IN_APPEND}, {IN_APPEND, READER}, {READER, SINK_SEND},
            {SINK_SEND, SINK_ACK}, {SINK_SEND, OUT_APPEND}, {OUT_APPEND, VISIBLE}, {SINK_ACK, VISIBLE},
            {SENT, READER}, {SINK_SEND, VISIBLE}, {SENT, VISIBLE}};
        for (int[] h : hops) {
            hop(STAGES[h[0]] + " -> " + STAGES[h[1]], h[0], h[1], measured, slow);
        }
        System.out.println("slowest records (ms after sending: in ack, in append, step, sink send, sink ack,"
                + " out append, visible; sent at s since the first record):");
        long first = sent[0];
        for (int k = slow.size() - 1; k >= Math.max(0, slow.size() - 12); k--) {
            int i = slow.get(k);
            StringBuilder line = new StringBuilder("  #" + i + " sent " + String.format("%.3f", (sent[i] - first) / 1e9)
                    + " s:");
            for (int s = 1; s < STAGES.length; s++) {
                line.append(' ').append(at[s][i] == 0 ? "-" : ms(at[s][i] - sent[i]));
            }
            System.out.println(line);
        }
        long slowHit = slow.stream().filter(i -> hitByGc(i, sent, seen)).count();
        long allHit = measured.stream().filter(i -> hitByGc(i, sent, seen)).count();
        System.out.printf("GC time of the JVM during the run: %d ms in %d pauses; a pause fell between sending and"
                + " visibility for %d of the slowest %d records and %d of all %d%n", gcMsDuringRun, gcPauses.size(),
                slowHit, slow.size(), allHit, measured.size());
    }

    private void hop(String name, int a, int b, List<Integer> all, List<Integer> slow) {
        long[] d = all.stream().filter(i -> at[a][i] != 0 && at[b][i] != 0).mapToLong(i -> at[b][i] - at[a][i])
                .sorted().toArray();
        double slowMean = slow.stream().filter(i -> at[a][i] != 0 && at[b][i] != 0)
                .mapToLong(i -> at[b][i] - at[a][i]).average().orElse(Double.NaN);
        if (d.length == 0) {
            System.out.printf("  %-26s no stamps%n", name);
            return;
        }
        System.out.printf("  %-26s %8s / %8s | %8.2f  (%d records)%n", name, ms(d[d.length / 2]),
                ms(d[Math.min(d.length - 1, (int) (d.length * 0.99))]), slowMean / 1e6, d.length);
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    /** Copies the benchmark's send times in (the producer writes them before this timeline existed). */
    void sentAll(long[] sent) {
        for (int i = 0; i < sent.length; i++) {
            sent(i, sent[i]);
        }
    }

    /** Total collection time of every collector so far (ms). */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /**
     * Called by the query for every input record (a UDF in its filter, {@code stamp(v)}): the step that runs the
     * record, just after the reader's poll returned it.
     */
    static boolean stepped(String value) {
        LatencyTimeline t = current;
        if (t != null) {
            t.stamp(READER, Integer.parseInt(value), System.nanoTime());
        }
        return true;
    }

    /** Given to the query's Kafka sink: stamps "sink send" and keeps the acknowledgements by partition/offset. */
    public static final class SinkStamp implements ProducerInterceptor<byte[], byte[]> {
        @Override
        public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
            LatencyTimeline t = current;
            if (t != null) {
                t.stamp(SINK_SEND, t.outputIndex(record.key(), record.value()), System.nanoTime());
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            LatencyTimeline t = current;
            if (t != null && metadata != null && exception == null && metadata.hasOffset()) {
                t.sinkAcks.put(key(metadata.partition(), metadata.offset()), System.nanoTime());
            }
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    @Override
    public String toString() {
        return "LatencyTimeline" + Arrays.toString(STAGES);
    }
}
