package dev.sluice.benchmarks;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One cold start per JVM (benchmarks/cold-start.sh runs it in fresh JVMs and takes the median): the JVM's uptime when
 * the first batch of a query has committed, i.e. JVM start → session → query → first batch. Scenarios:
 * {@code memory} (W5: MemoryStream of one row → {@code value * 2} → noop sink) and {@code json-parquet} (a folder
 * holding one JSON file of one row → {@code readStream().json(dir)} with a schema → Parquet file sink). After the
 * cold start, {@code json-parquet} drops {@code --files N} more one-row files one at a time and reports the median
 * {@code triggerExecution} of those 1-row batches (W3's shape on a file source: the per-trigger listing included).
 * {@code json-memory} is {@code json-parquet} with a memory sink (the JSON source's share). Two floors without Sluice:
 * {@code jvm} (nothing but this harness: JVM boot and the uptime read) and {@code parquet-floor} (parquet-mr alone writes
 * the same 1-row file, {@link ParquetFloor}).
 * Not a JMH benchmark: a cold start happens once per JVM. Single-threaded driver.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "memory";
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path work = Files.createTempDirectory("sluice-cold-start");
        if (scenario.equals("jvm") || scenario.equals("parquet-floor")) {
            if (scenario.equals("parquet-floor")) {
                ParquetFloor.writeOneRow(work.resolve("part-0.parquet"));
            }
            System.out.println("COLD " + scenario + " uptimeAtFirstCommitMs=" + ManagementFactory.getRuntimeMXBean().getUptime());
            System.exit(0);
        }
        SluiceSession spark = Sluice.builder().master("local[2]").appName("cold-start")
                .config("spark.sql.shuffle.partitions", 2).config("spark.sql.session.timeZone", "UTC").getOrCreate();
        StreamingQuery query;
        if (scenario.equals("memory")) {
            MemoryStream input = MemoryStream.of(spark, StructType.fromDDL("value BIGINT"));
            Dataset<Row> doubled = input.toDF().selectExpr("value", "value * 2 AS doubled");
            query = doubled.writeStream().format("noop").option("checkpointLocation", work.resolve("cp").toString()).start();
            input.addData(RowFactory.create(0L));
            query.processAllAvailable();
        } else if (scenario.equals("json-memory")) {
            Path in = Files.createDirectories(work.resolve("in"));
            Files.writeString(in.resolve("part-0.json"), "{\"id\":0,\"name\":\"a\"}\n");
            query = spark.readStream().schema("id BIGINT, name STRING").json(in.toString())
                    .writeStream().format("memory").queryName("cold")
                    .option("checkpointLocation", work.resolve("cp").toString()).start();
            query.processAllAvailable();
        } else if (scenario.equals("json-parquet")) {
            Path in = Files.createDirectories(work.resolve("in"));
            Files.writeString(in.resolve("part-0.json"), "{\"id\":0,\"name\":\"a\"}\n");
            query = spark.readStream().schema("id BIGINT, name STRING").json(in.toString())
                    .writeStream().format("parquet").option("path", work.resolve("out").toString())
                    .option("checkpointLocation", work.resolve("cp").toString()).start();
            query.processAllAvailable();
        } else {
            throw new IllegalArgumentException("scenario: jvm, parquet-floor, memory, json-memory or json-parquet, not "
                    + scenario);
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        StringBuilder line = new StringBuilder("COLD " + scenario + " uptimeAtFirstCommitMs=" + uptime);
        if (files > 0) {
            Path in = work.resolve("in");
            List<Long> triggers = new ArrayList<>();
            for (int i = 1; i <= files; i++) {
                Files.writeString(in.resolve("part-" + i + ".json"), "{\"id\":" + i + ",\"name\":\"b\"}\n");
                query.processAllAvailable();
                StreamingQueryProgress last = query.lastProgress();
                if (last != null && last.numInputRows() == 1) {
                    triggers.add(last.durationMs().get("triggerExecution"));
                }
            }
            Collections.sort(triggers);
            line.append(" oneRowBatches=").append(triggers.size())
                    .append(" triggerExecutionP50Ms=").append(triggers.get(triggers.size() / 2))
                    .append(" p90Ms=").append(triggers.get(triggers.size() * 9 / 10));
        }
        System.out.println(line);
        query.stop();
        spark.stop();
        System.exit(0);
    }
}
