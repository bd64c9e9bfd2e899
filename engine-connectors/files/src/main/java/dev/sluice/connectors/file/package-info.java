/**
 * Machinery shared by the file formats, and the pieces the streaming file source and sink build on.
 *
 * <ul>
 *   <li>Per file: {@link dev.sluice.connectors.file.FileFormat} opens a
 *       {@link dev.sluice.connectors.file.ChunkReader} (chunks of a schema; DROPMALFORMED count) or a
 *       {@link dev.sluice.connectors.file.ChunkWriter}; {@link dev.sluice.connectors.file.FileFormats} finds
 *       a format by name.</li>
 *   <li>Files: {@link dev.sluice.connectors.file.FileAccess} reaches every file through Hadoop's FileSystem
 *       API ({@code file:}, {@code hdfs:}, {@code s3a:}, ... with the session's {@code spark.hadoop.*}
 *       settings) and publishes log files atomically without replacing.</li>
 *   <li>Listing: {@link dev.sluice.connectors.file.FileListing} (globs, hidden files, partition
 *       directories, {@code basePath}, modification-time filters, {@code _spark_metadata}). Files are read whole when listed, so producers must write a
 *       file elsewhere and move it into a watched directory when complete.</li>
 *   <li>Output: {@link dev.sluice.connectors.file.PartitionedFileWriter} (unique names, {@code col=value/}
 *       directories), {@link dev.sluice.connectors.file.FileSinkLog} (atomic per-batch commit log, compacted
 *       as Spark's by {@link dev.sluice.connectors.file.CompactibleFileLog}) and
 *       {@link dev.sluice.connectors.file.FileSinkWriter} (exactly-once batches).</li>
 *   <li>Batch API: {@link dev.sluice.connectors.file.FileFormatProvider}.</li>
 *   <li>Streaming: {@link dev.sluice.connectors.file.FileStreamProvider} ({@code readStream()}/{@code writeStream()}
 *       for json, csv, text, parquet): {@code FileStreamSource} (seen-files log under the checkpoint, one
 *       source batch per offset, same files after a restart) and {@code FileStreamSink} (append only, through
 *       {@link dev.sluice.connectors.file.FileSinkWriter}).</li>
 * </ul>
 */
package dev.sluice.connectors.file;
