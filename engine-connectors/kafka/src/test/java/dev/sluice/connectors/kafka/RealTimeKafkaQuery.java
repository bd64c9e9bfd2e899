package dev.sluice.connectors.kafka;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;

/**
 * The child JVM of {@link KafkaRealTimeKillTest}: a real-time query (epochs of {@code args[4]} ms) reading topic
 * {@code args[1]}, upper-casing the values and writing them with the exactly-once Kafka sink to {@code args[2]},
 * checkpointed in {@code args[3]}; runs until killed.
 */
public final class RealTimeKafkaQuery {
    private RealTimeKafkaQuery() {
    }

    public static void main(String[] args) throws Exception {
        StreamingQuery q = start(Sluice.builder().appName("rt-kill").master("local[2]").getOrCreate(), args[0],
                args[1], args[2], args[3], Long.parseLong(args[4]));
        System.out.println("started " + q.id());
        q.awaitTermination();
    }

    static StreamingQuery start(SluiceSession spark, String servers, String in, String out, String checkpoint,
                                long epochMs) throws Exception {
        spark.conf().set("spark.sql.streaming.realTimeMode.minBatchDuration", "0");
        return spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers)
                .option("subscribe", in).option("startingOffsets", "earliest").load()
                .selectExpr("key", "upper(CAST(value AS STRING)) AS value")
                .writeStream().format("kafka").option("kafka.bootstrap.servers", servers).option("topic", out)
                .option("deliveryGuarantee", "exactly_once").option("checkpointLocation", checkpoint)
                .trigger(Trigger.RealTime(epochMs)).start();
    }
}
