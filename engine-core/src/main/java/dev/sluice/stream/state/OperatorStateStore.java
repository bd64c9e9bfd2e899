package dev.sluice.stream.state;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.types.DataType;
import java.util.List;
import java.util.Optional;

/**
 * Where one stateful operator partition keeps its state between micro-batches, by version: version
 * {@code v} is the state after batch {@code v - 1} (version 0 = empty), as Spark's state store versions.
 * This first implementation stores whole snapshots; issue 4's versioned key-value state-store SPI replaces
 * it behind the same lifecycle (load a version, run the batch, commit the next version).
 * Used by one thread (the query's execution thread).
 */
public interface OperatorStateStore {
    /** The state of {@code version}, or empty for version 0. */
    Optional<Chunk> load(long version, List<DataType> types);

    /** Durably records {@code snapshot} as {@code version} (replacing it if a batch is re-run). */
    void commit(long version, Chunk snapshot, List<DataType> types);

    /** Forgets versions below {@code minVersionToKeep}. */
    void purge(long minVersionToKeep);
}
