package dev.sluice.connectors.file;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;

/**
 * The child process of {@link SinkKillTest}: a json-to-json file query reading one file per batch, run until
 * the test kills the process with SIGKILL. Arguments: input folder, output folder, checkpoint folder.
 */
public final class KilledSinkQuery {
    private KilledSinkQuery() {
    }

    public static void main(String[] args) throws Exception {
        SluiceSession spark = Sluice.builder().appName("killed").master("local[2]").getOrCreate();
        spark.readStream().format("json").schema(StructType.fromDDL("id INT, name STRING"))
                .option("maxFilesPerTrigger", "1").load(args[0])
                .writeStream().format("json").option("path", args[1]).partitionBy("name")
                .option("checkpointLocation", args[2]).start().awaitTermination();
    }
}
