package dev.sluice.stream;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;

/**
 * W5's steps in a fresh JVM, for {@link ColdStartTest}: session, MemoryStream, {@code value * 2}, noop sink
 * with a new checkpoint, one row, first batch committed; then prints {@link #COMMITTED}. Argument: the
 * checkpoint folder.
 */
public final class ColdStartProbe {
    static final String COMMITTED = "COLD-START-PROBE: first batch committed";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        SluiceSession session = Sluice.builder().master("local[2]").appName("cold-start")
                .config("spark.sql.shuffle.partitions", 2).getOrCreate();
        MemoryStream stream = MemoryStream.of(session, StructType.fromDDL("value BIGINT"));
        Dataset<Row> doubled = stream.toDF().selectExpr("value", "value * 2 AS doubled");
        StreamingQuery query = doubled.writeStream().format("noop").option("checkpointLocation", args[0]).start();
        stream.addData(RowFactory.create(1L));
        query.processAllAvailable();
        System.out.println(COMMITTED);
        System.out.flush();
        query.stop();
    }
}
