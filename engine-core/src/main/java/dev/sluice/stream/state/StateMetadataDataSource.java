package dev.sluice.stream.state;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spark 4.0's state metadata source, {@code session.read().format("state-metadata").load(checkpoint)}: one row
 * per stateful operator and store of the checkpoint, with Spark's columns {@code operatorId},
 * {@code operatorName}, {@code stateStoreName}, {@code numPartitions}, {@code minBatchId}, {@code maxBatchId}
 * and {@code operatorProperties} (Spark's JSON for transformWithState, else null). The batch ids are the
 * first and last committed ones ({@code -1} when none); {@code numPartitions} is the state partitions of batch
 * {@code batchId} (option; default the last committed batch): with rescaling it may differ between batches.
 * Operators without {@code _metadata} (not run since state metadata existed) are not listed. Stateless.
 */
public final class StateMetadataDataSource implements BatchFormatProvider {
    static final StructType SCHEMA = new StructType()
            .add("operatorId", DataTypes.LongType)
            .add("operatorName", DataTypes.StringType)
            .add("stateStoreName", DataTypes.StringType)
            .add("numPartitions", DataTypes.IntegerType)
            .add("minBatchId", DataTypes.LongType)
            .add("maxBatchId", DataTypes.LongType)
            .add("operatorProperties", DataTypes.StringType);

    @Override
    public String shortName() {
        return "state-metadata";
    }

    @Override
    public Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema,
                             List<String> paths) {
        Path root = StateSourceSupport.checkpointRoot(paths);
        Checkpoint checkpoint = new Checkpoint(root);
        List<Long> committed = checkpoint.commits().batchIds();
        long minBatchId = committed.isEmpty() ? -1 : committed.get(0);
        long maxBatchId = committed.isEmpty() ? -1 : committed.get(committed.size() - 1);
        long batchId = StateSourceSupport.nonNegative(options, "batchId", Math.max(maxBatchId, 0));
        List<Row> rows = new ArrayList<>();
        for (OperatorStateMetadata op : OperatorStateMetadata.readAll(root).values()) {
            int partitions = StateSourceSupport.partitions(checkpoint, batchId, op.operatorName());
            for (OperatorStateMetadata.StoreSchema store : op.stores()) {
                rows.add(RowFactory.create(op.operatorId(), op.operatorName(), store.name(), partitions, minBatchId,
                        maxBatchId, op.properties()));
            }
        }
        return session.createDataFrame(rows, SCHEMA);
    }

    @Override
    public void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
                      String path) {
        throw StateDataSource.readOnly(shortName(), mode);
    }
}
