package dev.sluice.stream.state;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.OffsetSeq;
import dev.sluice.sql.SluiceException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the {@code statestore} and {@code state-metadata} batch formats share: the checkpoint named by the
 * path, its batches, the state partitions of a batch, and Spark's {@code STDS_*} errors. Stateless.
 */
final class StateSourceSupport {
    /** Spark's name of the shuffle-partitions setting, recorded in every offset log entry. */
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    /** The operator whose state has one partition whatever the setting (Spark's too). */
    static final String GLOBAL_LIMIT = "globalLimit";

    private StateSourceSupport() {
    }

    /** The checkpoint folder of the one path given to {@code load(path)}. */
    static Path checkpointRoot(List<String> paths) {
        if (paths.isEmpty()) {
            throw error("STDS_REQUIRED_OPTION_UNSPECIFIED", "'path' must be specified.", "42601");
        }
        if (paths.size() > 1) {
            throw invalidOption("path", "a single checkpoint location is expected, got " + paths);
        }
        String path = paths.get(0);
        // the same rule as a query's checkpointLocation: local paths, file: URIs and remote checkpoints
        return dev.sluice.checkpoint.CheckpointLocation.resolve(path);
    }

    /** The last committed batch id. */
    static OptionalLong lastCommitted(Checkpoint checkpoint) {
        var latest = checkpoint.commits().latest();
        return latest.isPresent() ? OptionalLong.of(latest.get().getKey()) : OptionalLong.empty();
    }

    /** The value of option {@code name} as a number of at least 0, or {@code absent} when unset. */
    static long nonNegative(Map<String, String> options, String name, long absent) {
        String text = options.get(name);
        if (text == null) {
            return absent;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalidOption(name, "a number is expected, got '" + text + "'");
        }
        if (value < 0) {
            throw error("STDS_INVALID_OPTION_VALUE.IS_NEGATIVE", "Invalid value for source option '" + name
                    + "': cannot be negative.", "42616");
        }
        return value;
    }

    /**
     * The state partitions that wrote the state after batch {@code batchId}: the count its offset log entry
     * recorded (one for a limit).
     */
    static int partitions(Checkpoint checkpoint, long batchId, String operatorName) {
        OffsetSeq entry = checkpoint.offsets().get(batchId).orElseThrow(() -> error("STDS_OFFSET_LOG_UNAVAILABLE",
                "The offset log for " + batchId + " does not exist, checkpoint location: " + checkpoint.root()
                + ".\nPlease specify the batch ID which is available for querying - you can query the available"
                + " batch IDs via using state metadata data source.", "KD006"));
        if (GLOBAL_LIMIT.equals(operatorName)) {
            return 1;
        }
        String recorded = entry.conf().get(SHUFFLE_PARTITIONS);
        if (recorded == null) {
            throw error("STDS_OFFSET_METADATA_LOG_UNAVAILABLE", "Metadata is not available for offset log for "
                    + batchId + ", checkpoint location: " + checkpoint.root() + ".\nThe checkpoint seems to be only"
                    + " run with older Spark version(s). Run the streaming query with the recent Spark version, so"
                    + " that Spark constructs the state metadata.", "KD006");
        }
        return Integer.parseInt(recorded);
    }

    static SluiceException invalidOption(String name, String message) {
        return error("STDS_INVALID_OPTION_VALUE.WITH_MESSAGE", "Invalid value for source option '" + name + "': "
                + message, "42616");
    }

    static SluiceException error(String condition, String message, String sqlState) {
        return new SluiceException(condition, message, sqlState, null);
    }
}
