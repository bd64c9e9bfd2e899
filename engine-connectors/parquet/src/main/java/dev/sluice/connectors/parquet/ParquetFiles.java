package dev.sluice.connectors.parquet;

import dev.sluice.connectors.file.FileAccess;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's {@link InputFile}/{@link OutputFile} over the file system {@link FileAccess} resolves (not
 * parquet-hadoop's {@code HadoopInputFile}, which would resolve the checksummed local file system again from
 * the configuration): local files through Parquet's own {@code LocalInputFile}/{@code LocalOutputFile} on
 * {@code java.nio} (no Hadoop FileSystem), other schemes through {@code FileSystem.open/create}. Stateless.
 */
final class ParquetFiles {
    private ParquetFiles() {
    }

    /**
     * The configuration of every Parquet read and write: parquet-hadoop's codecs are Hadoop codecs that need a Hadoop
     * {@code Configuration}; one without Hadoop's default resources ({@code core-default.xml}) spares parsing that
     * XML (Woodstox, ~90 classes, 0.1-0.3 s of a cold start). Nothing Sluice writes depends on those defaults: the
     * codecs fall back to their own, and the {@code parquet.*} keys are Parquet's.
     */
    static ParquetConfiguration configuration() {
        return new HadoopParquetConfiguration(new Configuration(false));
    }

    static InputFile input(FileAccess files, Path path) throws IOException {
        java.nio.file.Path local = files.localFile(path);
        if (local != null) {
            if (!java.nio.file.Files.isRegularFile(local)) {
                throw new java.io.FileNotFoundException("File " + path + " does not exist");
            }
            return new LocalInputFile(local);
        }
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

    static OutputFile output(FileAccess files, Path path) throws IOException {
        java.nio.file.Path local = files.localFile(path);
        if (local != null) {
            java.nio.file.Files.createDirectories(local.getParent());
            return new LocalOutputFile(local);
        }
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
