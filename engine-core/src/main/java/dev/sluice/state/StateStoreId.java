package dev.sluice.state;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Identifies one store: the query's checkpoint root, the stateful operator's id in the plan and the state
 * partition. Its files live under {@code <checkpoint>/state/<operatorId>/<partitionId>/}.
 */
public record StateStoreId(Path checkpointRoot, long operatorId, int partitionId) {
    public StateStoreId {
        Objects.requireNonNull(checkpointRoot, "checkpointRoot is null");
    }

    /** The directory holding this store's committed versions. */
    public Path directory() {
        return checkpointRoot.resolve("state").resolve(Long.toString(operatorId)).resolve(Integer.toString(partitionId));
    }

    @Override
    public String toString() {
        return "state store (operator " + operatorId + ", partition " + partitionId + ") at " + directory();
    }
}
