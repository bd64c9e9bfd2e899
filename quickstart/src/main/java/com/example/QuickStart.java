package com.example;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.window;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.Trigger;

/** JSON files in a folder → clicks per page per minute, with a 10-minute watermark → console. */
public class QuickStart {
    public static void main(String[] args) throws Exception {
        String folder = args.length > 0 ? args[0] : "data";
        SluiceSession spark = SluiceSession.builder().appName("quickstart").master("local[2]").getOrCreate();
        Dataset<Row> clicks = spark.readStream()
                .schema("time TIMESTAMP, page STRING")
                .json(folder);
        Dataset<Row> counts = clicks
                .withWatermark("time", "10 minutes")
                .groupBy(window(col("time"), "1 minute"), col("page"))
                .count();
        counts.writeStream()
                .format("console").option("truncate", false)
                .outputMode("update")
                .trigger(Trigger.AvailableNow()) // what is in the folder now, then stop
                .start()
                .awaitTermination();
        spark.stop();
    }
}
