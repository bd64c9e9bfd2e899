package dev.sluice.examples;

import static dev.sluice.sql.functions.col;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;

/**
 * A user's program for {@code SluiceCliTest}'s replay test: adults from a JSON folder to a JSON file sink, run until the
 * input is consumed. Arguments: input folder, output folder, checkpoint.
 */
public final class ReplayDemoQuery {
    private ReplayDemoQuery() {
    }

    public static void main(String[] args) throws Exception {
        SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
        StreamingQuery q = spark.readStream().schema(StructType.fromDDL("name STRING, age INT")).json(args[0])
                .filter(col("age").geq(18)).writeStream().format("json").option("path", args[1])
                .option("checkpointLocation", args[2]).trigger(Trigger.AvailableNow()).start();
        q.awaitTermination();
    }
}
