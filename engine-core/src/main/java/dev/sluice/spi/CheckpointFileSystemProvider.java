package dev.sluice.spi;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Opens checkpoint locations of URI schemes other than {@code file:} ({@code hdfs:}, {@code s3a:}, any scheme a
 * Hadoop {@code fs.<scheme>.impl} registers, ...). Found with {@link java.util.ServiceLoader} (file
 * {@code META-INF/services/dev.sluice.spi.CheckpointFileSystemProvider}) only when such a location is used, so a
 * query on a local checkpoint never loads one. Sluice's implementation is in the {@code checkpoint-hadoop}
 * artifact (Hadoop's FileSystem API). Implementations must be thread-safe.
 */
public interface CheckpointFileSystemProvider {
    /**
     * The file system serving {@code location}'s scheme and authority.
     *
     * @param location        an absolute URI with a scheme
     * @param sessionSettings the session's settings ({@code spark.hadoop.*} entries configure Hadoop, as in Spark)
     * @return the file system, or null when this provider does not serve the scheme
     * @throws IOException when the scheme is served but the storage cannot be reached or configured
     */
    CheckpointFileSystem open(URI location, Map<String, String> sessionSettings) throws IOException;
}
