package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.functions;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The JMX MBeans, read through the platform MBean server as a JMX client would. */
class QueryMBeansTest extends MonitorTestSupport {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void noMBeanUnlessMetricsAreEnabledAsInSpark() throws Exception {
        MemoryStream input = lines();
        input.addValues("a");
        StreamingQuery q = input.toDF().writeStream().format("memory").queryName("quiet").start();
        q.processAllAvailable();
        assertThat(server.queryNames(new ObjectName("dev.sluice:type=StreamingQuery,*"), null)).isEmpty();
        q.stop();
    }

    @Test
    void everyProgressFigureIsAnAttributeWhileTheQueryRuns() throws Exception {
        spark.conf().set(QueryMBeans.METRICS_ENABLED, "true");
        MemoryStream input = lines();
        input.addValues("a", "b", "a");
        StreamingQuery q = input.toDF().groupBy("value").count().writeStream().format("memory").queryName("counted")
                .outputMode("complete").start();
        q.processAllAvailable();
        input.addValues("c");
        q.processAllAvailable();

        ObjectName name = new ObjectName("dev.sluice:type=StreamingQuery,name=counted");
        assertThat(server.isRegistered(name)).isTrue();
        eventually(() -> assertThat(attribute(name, "batch.id")).isEqualTo(1.0));
        assertThat(server.getAttribute(name, "Name")).isEqualTo("counted");
        assertThat(server.getAttribute(name, "Id")).isEqualTo(q.id().toString());
        assertThat(server.getAttribute(name, "Active")).isEqualTo(true);
        // batch 1 read "c": one new row; the state holds a, b, c; complete mode writes all three counts
        assertThat(attribute(name, "input.rows")).isEqualTo(1.0);
        assertThat(attribute(name, "source.input.rows.0")).isEqualTo(1.0);
        assertThat(attribute(name, "state.rows.0")).isEqualTo(3.0);
        assertThat(attribute(name, "state.rows.updated.0")).isEqualTo(1.0);
        assertThat(attribute(name, "sink.rows")).isEqualTo(3.0);
        assertThat(attribute(name, "phase.duration.addBatch")).isGreaterThanOrEqualTo(0.0);
        assertThat(attribute(name, "batch.duration")).isEqualTo(q.lastProgress().batchDuration());
        List<String> names = Arrays.stream(server.getMBeanInfo(name).getAttributes())
                .map(MBeanAttributeInfo::getName).toList();
        assertThat(names).contains("input.rate", "processing.rate", "commit.latency", "phase.duration.walCommit",
                "state.memory.bytes.0", "state.rows.removed.0", "state.rows.dropped.late.0")
                // MemoryStream reports no latest offset (progress prints null, as Spark's): no lag to show
                .doesNotContain("watermark", "source.offsets.behind.0");

        q.stop();
        eventually(() -> assertThat(server.isRegistered(name)).isFalse());
    }

    @Test
    void watermarkAndItsLag() throws Exception {
        spark.conf().set(QueryMBeans.METRICS_ENABLED, "true");
        StructType schema = new StructType().add("ts", DataTypes.TimestampType);
        MemoryStream input = MemoryStream.of(spark, schema);
        input.addData(RowFactory.create(Timestamp.from(Instant.parse("2024-01-01T10:00:30Z"))));
        StreamingQuery q = input.toDF().withWatermark("ts", "10 seconds")
                .groupBy(functions.window(functions.col("ts"), "1 minute")).count().writeStream().format("memory")
                .queryName("late").outputMode("append").start();
        q.processAllAvailable();
        input.addData(RowFactory.create(Timestamp.from(Instant.parse("2024-01-01T09:59:05Z"))));
        q.processAllAvailable();

        ObjectName name = new ObjectName("dev.sluice:type=StreamingQuery,name=late");
        // batch 1 is the no-data batch run because batch 0 moved the watermark; batch 2 reads the late row
        eventually(() -> assertThat(attribute(name, "batch.id")).isEqualTo(2.0));
        // it runs with the watermark of batch 0's maximum, 10:00:30, minus the 10 s delay, and drops 09:59:05, whose window ended at 10:00
        assertThat(attribute(name, "state.rows.dropped.late.0")).isEqualTo(1.0);
        long watermark = Instant.parse("2024-01-01T10:00:20Z").toEpochMilli();
        assertThat(attribute(name, "watermark")).isEqualTo(watermark);
        long batchStart = Instant.parse(q.lastProgress().timestamp()).toEpochMilli();
        assertThat(attribute(name, "watermark.lag")).isEqualTo(batchStart - watermark);
        q.stop();
    }

    @Test
    void aNameWithJmxSpecialCharactersIsQuoted() throws Exception {
        spark.conf().set(QueryMBeans.METRICS_ENABLED, "true");
        MemoryStream input = lines();
        StreamingQuery q = input.toDF().writeStream().format("memory").queryName("a,b=c").start();
        ObjectName name = new ObjectName("dev.sluice:type=StreamingQuery,name=" + ObjectName.quote("a,b=c"));
        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.getAttribute(name, "Name")).isEqualTo("a,b=c");
        q.stop();
    }

    @Test
    void anUnnamedQueryIsNamedByItsId() throws Exception {
        spark.conf().set(QueryMBeans.METRICS_ENABLED, "true");
        StreamingQuery q = lines().toDF().writeStream().foreachBatch((batch, id) -> { }).start();
        assertThat(server.isRegistered(new ObjectName("dev.sluice:type=StreamingQuery,name=" + q.id()))).isTrue();
        q.stop();
    }

    private double attribute(ObjectName name, String attribute) {
        try {
            return (Double) server.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + attribute + ": " + e, e);
        }
    }
}
