package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.xerial.snappy.Snappy;

/**
 * The floor of {@code ColdStart json-parquet} that is parquet-mr's own: the smallest write parquet-mr allows of the
 * file Sluice's sink writes for that query (Spark's schema {@code id BIGINT, name STRING}, one row), with no Sluice
 * class and no Hadoop {@code Configuration}: a local output file, a plain configuration, and snappy-java loaded and run
 * once (its native library) while the pages stay uncompressed, so that no Hadoop codec class loads either. What a cold
 * JVM spends here, Sluice's sink cannot avoid while it writes through parquet-mr. Single-threaded; benchmark code.
 */
final class ParquetFloor {
    private ParquetFloor() {
    }

    static void writeOneRow(Path file) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message spark_schema { optional int64 id; optional binary name (STRING); }");
        Snappy.compress(new byte[] {1, 2, 3});
        try (ParquetWriter<long[]> writer = new Builder(new LocalOutputFile(file), schema)
                .withConf(new PlainParquetConfiguration()).withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriteMode(ParquetFileWriter.Mode.CREATE).build()) {
            writer.write(new long[] {0});
        }
    }

    /** Writes {@code id} from the record and the constant {@code "a"} as {@code name}. */
    private static final class OneRow extends WriteSupport<long[]> {
        private final MessageType schema;
        private RecordConsumer consumer;

        OneRow(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            consumer = recordConsumer;
        }

        @Override
        public void write(long[] record) {
            consumer.startMessage();
            consumer.startField("id", 0);
            consumer.addLong(record[0]);
            consumer.endField("id", 0);
            consumer.startField("name", 1);
            consumer.addBinary(Binary.fromString("a"));
            consumer.endField("name", 1);
            consumer.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<long[], Builder> {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<long[]> getWriteSupport(Configuration configuration) {
            return new OneRow(schema);
        }

        @Override
        protected WriteSupport<long[]> getWriteSupport(ParquetConfiguration configuration) {
            return new OneRow(schema);
        }
    }
}
