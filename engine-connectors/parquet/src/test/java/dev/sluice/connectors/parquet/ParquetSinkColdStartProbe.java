package dev.sluice.connectors.parquet;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ColdStart json-parquet}'s steps in a fresh JVM, for {@link ParquetSinkColdStartTest}: session, a folder of one
 * 1-row JSON file read with a schema, Parquet file sink (Spark's default codec, snappy) with a new checkpoint, first
 * batch committed; then prints {@link #COMMITTED}. Argument: a work folder.
 */
public final class ParquetSinkColdStartProbe {
    static final String COMMITTED = "PARQUET-COLD-START-PROBE: first batch committed";

    private ParquetSinkColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path in = Files.createDirectories(work.resolve("in"));
        Files.writeString(in.resolve("part-0.json"), "{\"id\":0,\"name\":\"a\"}\n");
        SluiceSession session = Sluice.builder().master("local[2]").appName("cold-start")
                .config("spark.sql.shuffle.partitions", 2).getOrCreate();
        StreamingQuery query = session.readStream().schema("id BIGINT, name STRING").json(in.toString())
                .writeStream().format("parquet").option("path", work.resolve("out").toString())
                .option("checkpointLocation", work.resolve("cp").toString()).start();
        query.processAllAvailable();
        System.out.println(COMMITTED);
        System.out.flush();
        query.stop();
    }
}
