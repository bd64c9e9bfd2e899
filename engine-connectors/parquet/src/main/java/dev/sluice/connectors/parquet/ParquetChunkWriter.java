package dev.sluice.connectors.parquet;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes chunks to one Parquet file through parquet-hadoop's record consumer, reading the column vectors
 * directly (one reused row cursor, no row objects). Layout per {@link ParquetSchemas#toParquet}. Writes
 * local files through {@code java.nio}, others through the path's Hadoop file system ({@link ParquetFiles}), with the
 * codecs of {@link ParquetCodecs} and no Hadoop {@code Configuration}. The file is valid only after
 * {@link #close()} writes the footer. Not thread-safe.
 */
final class ParquetChunkWriter implements ChunkWriter {
    /** Writes the non-null value at a row of a vector to the consumer. */
    @FunctionalInterface
    private interface FieldWriter {
        void write(RecordConsumer consumer, ColumnVector vector, int row);
    }

    /** The row being written, reused for every row. */
    private static final class RowCursor {
        ColumnVector[] columns;
        int row;
    }

    private final ParquetWriter<RowCursor> writer;
    private final RowCursor cursor = new RowCursor();

    ParquetChunkWriter(FileAccess files, Path file, StructType schema, CompressionCodecName codec) throws IOException {
        MessageType parquetSchema = ParquetSchemas.toParquet(schema);
        String[] names = schema.fieldNames();
        FieldWriter[] writers = writers(schema);
        WriteSupport<RowCursor> support = new WriteSupport<>() {
            private RecordConsumer consumer;

            @Override
            public WriteContext init(Configuration configuration) {
                return new WriteContext(parquetSchema, new HashMap<>());
            }

            @Override
            public WriteContext init(ParquetConfiguration configuration) {
                return new WriteContext(parquetSchema, new HashMap<>());
            }

            @Override
            public void prepareForWrite(RecordConsumer recordConsumer) {
                this.consumer = recordConsumer;
            }

            @Override
            public void write(RowCursor record) {
                consumer.startMessage();
                writeFields(consumer, names, writers, record.columns, record.row);
                consumer.endMessage();
            }
        };
        // No Hadoop Configuration on the write path: nothing in it is read for a write (the writer's settings are the
        // builder's), and the codecs come from ParquetCodecs, which reaches Hadoop's codec machinery only for codecs
        // other than snappy and uncompressed.
        this.writer = new Builder(ParquetFiles.output(files, file), support).withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs(ParquetProperties.DEFAULT_PAGE_SIZE))
                .withCompressionCodec(codec).withWriteMode(ParquetFileWriter.Mode.CREATE).build();
    }

    private static final class Builder extends ParquetWriter.Builder<RowCursor, Builder> {
        private final WriteSupport<RowCursor> support;

        Builder(OutputFile file, WriteSupport<RowCursor> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowCursor> getWriteSupport(Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<RowCursor> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }

    @Override
    public void write(Chunk chunk) throws IOException {
        cursor.columns = chunk.columns();
        for (int row = 0; row < chunk.rowCount(); row++) {
            cursor.row = row;
            writer.write(cursor);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static void writeFields(RecordConsumer consumer, String[] names, FieldWriter[] writers, ColumnVector[] columns,
            int row) {
        for (int i = 0; i < columns.length; i++) {
            if (!columns[i].isNull(row)) {
                consumer.startField(names[i], i);
                writers[i].write(consumer, columns[i], row);
                consumer.endField(names[i], i);
            }
        }
    }

    private static FieldWriter[] writers(StructType struct) {
        FieldWriter[] out = new FieldWriter[struct.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = writerFor(struct.apply(i).dataType());
        }
        return out;
    }

    private static FieldWriter writerFor(DataType type) {
        if (type instanceof StructType struct) {
            String[] names = struct.fieldNames();
            FieldWriter[] writers = writers(struct);
            StructVector[] cachedVector = new StructVector[1];
            ColumnVector[][] cachedChildren = new ColumnVector[1][];
            return (consumer, vector, row) -> {
                StructVector s = (StructVector) vector;
                if (s != cachedVector[0]) {
                    cachedChildren[0] = s.children().toArray(new ColumnVector[0]);
                    cachedVector[0] = s;
                }
                consumer.startGroup();
                writeFields(consumer, names, writers, cachedChildren[0], row);
                consumer.endGroup();
            };
        }
        if (type instanceof ArrayType array) {
            FieldWriter element = writerFor(array.elementType());
            return (consumer, vector, row) -> {
                ArrayVector a = (ArrayVector) vector;
                consumer.startGroup();
                if (a.length(row) > 0) {
                    consumer.startField("list", 0);
                    for (int i = a.offset(row), end = i + a.length(row); i < end; i++) {
                        consumer.startGroup();
                        if (!a.elements().isNull(i)) {
                            consumer.startField("element", 0);
                            element.write(consumer, a.elements(), i);
                            consumer.endField("element", 0);
                        }
                        consumer.endGroup();
                    }
                    consumer.endField("list", 0);
                }
                consumer.endGroup();
            };
        }
        if (type instanceof MapType map) {
            FieldWriter key = writerFor(map.keyType());
            FieldWriter value = writerFor(map.valueType());
            return (consumer, vector, row) -> {
                MapVector m = (MapVector) vector;
                consumer.startGroup();
                if (m.length(row) > 0) {
                    consumer.startField("key_value", 0);
                    for (int i = m.offset(row), end = i + m.length(row); i < end; i++) {
                        consumer.startGroup();
                        consumer.startField("key", 0);
                        key.write(consumer, m.keys(), i);
                        consumer.endField("key", 0);
                        if (!m.values().isNull(i)) {
                            consumer.startField("value", 1);
                            value.write(consumer, m.values(), i);
                            consumer.endField("value", 1);
                        }
                        consumer.endGroup();
                    }
                    consumer.endField("key_value", 0);
                }
                consumer.endGroup();
            };
        }
        return scalarWriter(type);
    }

    private static FieldWriter scalarWriter(DataType type) {
        if (type instanceof BooleanType) {
            return (c, v, row) -> c.addBoolean(v.getBoolean(row));
        }
        if (type instanceof LongType || type instanceof TimestampType) {
            return (c, v, row) -> c.addLong(v.getLong(row));
        }
        if (type instanceof FloatType) {
            return (c, v, row) -> c.addFloat(v.getFloat(row));
        }
        if (type instanceof DoubleType) {
            return (c, v, row) -> c.addDouble(v.getDouble(row));
        }
        if (type instanceof StringType) {
            return (c, v, row) -> c.addBinary(Binary.fromString(v.getString(row)));
        }
        if (type instanceof BinaryType) {
            return (c, v, row) -> c.addBinary(Binary.fromConstantByteArray(v.getBinary(row)));
        }
        if (type instanceof DecimalType decimal) {
            if (decimal.precision() <= 9) {
                return (c, v, row) -> c.addInteger(unscaled(v.getDecimal(row), decimal).intValueExact());
            }
            if (decimal.precision() <= 18) {
                return (c, v, row) -> c.addLong(unscaled(v.getDecimal(row), decimal).longValueExact());
            }
            int length = ParquetSchemas.decimalBytes(decimal.precision());
            return (c, v, row) -> c.addBinary(Binary.fromConstantByteArray(fixedBytes(unscaled(v.getDecimal(row), decimal)
                    .toByteArray(), length)));
        }
        // int, short, byte, date
        return (c, v, row) -> c.addInteger(v.getInt(row));
    }

    private static java.math.BigInteger unscaled(BigDecimal value, DecimalType type) {
        return value.setScale(type.scale(), java.math.RoundingMode.HALF_UP).unscaledValue();
    }

    /** Sign-extends a two's-complement big-endian integer to {@code length} bytes. */
    private static byte[] fixedBytes(byte[] bytes, int length) {
        if (bytes.length == length) {
            return bytes;
        }
        byte[] out = new byte[length];
        byte pad = (byte) (bytes[0] < 0 ? -1 : 0);
        int offset = length - bytes.length;
        java.util.Arrays.fill(out, 0, offset, pad);
        System.arraycopy(bytes, 0, out, offset, bytes.length);
        return out;
    }
}
