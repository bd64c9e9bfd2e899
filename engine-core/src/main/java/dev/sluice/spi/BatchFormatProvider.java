package dev.sluice.spi;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * The batch side of a connector ({@link DataSourceProvider}): {@code session.read().format(name)} and
 * {@code dataset.write().format(name)}. A lazy reader returns a Dataset over its {@link Scan} through
 * {@link BatchRows#toDataset(SluiceSession, StructType, Scan, boolean)}; a writer reads the rows to write through
 * {@link BatchRows}.
 *
 * <p>Options maps are unmodifiable and case-insensitive on keys (Spark's option semantics). Implementations
 * are stateless and must be thread-safe: one instance serves every session.
 */
public interface BatchFormatProvider extends DataSourceProvider {
    /**
     * Reads the data at {@code paths} into a Dataset.
     *
     * @param session the session (time zone, configuration)
     * @param options the reader options, case-insensitive keys; {@code "path"} is already merged into
     *     {@code paths}
     * @param schema the user-specified schema, or null to infer it
     * @param paths the paths to read, never null (may be empty when the format needs none)
     * @return a Dataset whose plan holds the data (or reads it when run)
     * @throws dev.sluice.sql.SluiceException naming the path or option when the data cannot be read
     */
    Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema, List<String> paths);

    /**
     * Writes {@code data} to {@code path}.
     *
     * @param data the rows to write (a batch Dataset)
     * @param options writer options, case-insensitive keys
     * @param mode what to do when {@code path} already holds data
     * @param partitionColumns the columns to partition the output by, possibly empty
     * @param path the destination, never null
     * @throws dev.sluice.sql.SluiceException naming the path, option or column on failure
     */
    void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
            String path);
}
