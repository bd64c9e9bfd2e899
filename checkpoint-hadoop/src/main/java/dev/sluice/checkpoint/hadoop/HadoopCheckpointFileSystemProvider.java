package dev.sluice.checkpoint.hadoop;

import dev.sluice.spi.CheckpointFileSystem;
import dev.sluice.spi.CheckpointFileSystemProvider;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;

/**
 * Serves checkpoint locations of every scheme Hadoop knows ({@code hdfs:}, {@code s3a:}, {@code abfs:}, ... with
 * their Hadoop client on the class path, or any {@code fs.<scheme>.impl}) through Hadoop's {@link FileSystem} API.
 * The Hadoop configuration holds the session's {@code spark.hadoop.*} settings with the prefix removed, as Spark's
 * {@code sessionState.newHadoopConf()}. A checksummed local file system is unwrapped to its raw one (no
 * {@code .crc} side files: Sluice's checkpoint files carry their own checksums). Registered with
 * {@link java.util.ServiceLoader}; loaded only when a query uses such a location. Stateless and thread-safe.
 */
public final class HadoopCheckpointFileSystemProvider implements CheckpointFileSystemProvider {
    private static final String HADOOP_PREFIX = "spark.hadoop.";

    @Override
    public CheckpointFileSystem open(URI location, Map<String, String> sessionSettings) throws IOException {
        Configuration conf = new Configuration();
        sessionSettings.forEach((key, value) -> {
            if (key.startsWith(HADOOP_PREFIX)) {
                conf.set(key.substring(HADOOP_PREFIX.length()), value);
            }
        });
        FileSystem fs = FileSystem.get(location, conf);
        if (fs instanceof ChecksumFileSystem checksummed) {
            fs = checksummed.getRawFileSystem();
        }
        return new HadoopCheckpointFileSystem(fs, location);
    }
}
