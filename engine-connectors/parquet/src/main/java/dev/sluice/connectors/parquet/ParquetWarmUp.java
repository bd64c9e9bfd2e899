package dev.sluice.connectors.parquet;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The Parquet format's {@link ParquetFormat#warmUp() warm-up}: writes one file of one row, with the column types
 * queries use most, into memory with the default (snappy) codec. parquet-mr's first file in a JVM loads about
 * 2,000 classes (its column writers, the Thrift footer classes, the shaded Jackson that {@code ParquetMetadata}
 * initializes, fastutil for dictionaries) and snappy's native library: 0.5 s of a cold start on a 2-core box, which
 * a background thread can take off the query's path. Touches no file. Stateless.
 */
final class ParquetWarmUp {
    private static final StructType SCHEMA = new StructType(new StructField[] {
        new StructField("id", DataTypes.LongType, true),
        new StructField("name", DataTypes.StringType, true),
        new StructField("amount", DataTypes.DoubleType, true),
        new StructField("time", DataTypes.TimestampType, true),
        new StructField("count", DataTypes.IntegerType, true),
        new StructField("flag", DataTypes.BooleanType, true)});

    private ParquetWarmUp() {
    }

    /** Writes the file; returns its bytes. */
    static byte[] writeOneFileToMemory() throws IOException {
        ColumnVector[] columns = new ColumnVector[SCHEMA.length()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnVector.allocate(SCHEMA.fields()[i].dataType(), 1);
        }
        columns[0].appendLong(1L);
        columns[1].appendString("a");
        columns[2].appendDouble(1.5);
        columns[3].appendLong(1_700_000_000_000_000L);
        columns[4].appendInt(1);
        columns[5].appendBoolean(true);
        MemoryFile file = new MemoryFile();
        ParquetChunkWriter writer = new ParquetChunkWriter(file, SCHEMA, CompressionCodecName.SNAPPY);
        try {
            writer.write(new Chunk(1, columns));
        } finally {
            writer.close();
        }
        return file.bytes.toByteArray();
    }

    /** An output file in a byte array. */
    private static final class MemoryFile implements OutputFile {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return bytes.size();
                }

                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, len);
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
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
            return "memory:warm-up.parquet";
        }
    }
}
