package dev.sluice.connectors.parquet;

import dev.sluice.connectors.file.FileAccess;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's {@link InputFile}/{@link OutputFile} over the file system {@link FileAccess} resolves (not
 * parquet-hadoop's {@code HadoopInputFile}, which would resolve the checksummed local file system again from
 * the configuration): streams come straight from {@code FileSystem.open/create} of the path's scheme.
 * Stateless.
 */
final class ParquetFiles {
    private ParquetFiles() {
    }

    static InputFile input(FileAccess files, Path path) throws IOException {
        FileSystem fs = files.fileSystem(path);
        FileStatus status = fs.getFileStatus(path);
        return new InputFile() {
            @Override
            public long getLength() {
                return status.getLen();
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                return HadoopStreams.wrap(fs.open(path));
            }

            @Override
            public String toString() {
                return path.toString();
            }
        };
    }

    static OutputFile output(FileAccess files, Path path) {
        FileSystem fs = files.fileSystem(path);
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) throws IOException {
                return HadoopStreams.wrap(fs.create(path, false));
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
                return HadoopStreams.wrap(fs.create(path, true));
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }

            @Override
            public String getPath() {
                return path.toString();
            }
        };
    }
}
