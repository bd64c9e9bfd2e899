package dev.sluice.connectors.support;

import dev.sluice.sql.AnalysisException;

/**
 * Spark's errors for the batch API used on a format that only streams ({@code socket}, {@code rate},
 * {@code rate-micro-batch}): {@code read().format(x).load()} and {@code write().format(x).save()} fail with
 * {@code UNSUPPORTED_FEATURE.TABLE_OPERATION}, naming the source's table as Spark names it; and a user schema for
 * their fixed schemas is rejected. Stateless.
 */
public final class StreamOnlyTables {
    private StreamOnlyTables() {
    }

    /** The error of a batch read of {@code tableName} (e.g. {@code Socket[localhost:9999]}). */
    public static AnalysisException batchScan(String tableName) {
        return unsupported(tableName, "batch scan");
    }

    /** The error of a batch write to {@code tableName}. */
    public static AnalysisException batchWrite(String tableName) {
        return unsupported(tableName, "append in batch mode");
    }

    /** The error of {@code readStream().schema(...)} on a source whose schema is fixed. */
    public static AnalysisException userSchema(String format) {
        return new AnalysisException(format + " source does not support user-specified schema.");
    }

    private static AnalysisException unsupported(String tableName, String operation) {
        return new AnalysisException("UNSUPPORTED_FEATURE.TABLE_OPERATION", "The feature is not supported: Table `"
                + tableName.replace("`", "``") + "` does not support " + operation + ". Please check the current"
                + " catalog and namespace to make sure the qualified table name is expected, and also check the"
                + " catalog implementation which is configured by \"spark.sql.catalog\".", "0A000");
    }
}
