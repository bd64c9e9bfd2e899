package dev.sluice.connectors.kafka;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The rows of the Kafka source, Spark's schema: {@code key binary, value binary, topic string, partition
 * int, offset long, timestamp timestamp, timestampType int} and, with {@code includeHeaders}, {@code headers
 * array<struct<key:string,value:binary>>} (null for a record without headers). Stateless.
 */
public final class KafkaRecordSchema {
    /** The type of the {@code headers} column (source and sink). */
    public static final ArrayType HEADERS_TYPE = DataTypes.createArrayType(new StructType()
            .add("key", DataTypes.StringType).add("value", DataTypes.BinaryType));

    private KafkaRecordSchema() {
    }

    /** The source schema, with or without the {@code headers} column. */
    public static StructType schema(boolean includeHeaders) {
        StructType s = new StructType()
                .add("key", DataTypes.BinaryType)
                .add("value", DataTypes.BinaryType)
                .add("topic", DataTypes.StringType)
                .add("partition", DataTypes.IntegerType)
                .add("offset", DataTypes.LongType)
                .add("timestamp", DataTypes.TimestampType)
                .add("timestampType", DataTypes.IntegerType);
        return includeHeaders ? s.add("headers", HEADERS_TYPE) : s;
    }

    /** Collects consumer records into chunks of at most {@link Chunk#DEFAULT_ROWS} rows. Single-threaded. */
    static final class ChunkBuilder {
        private final StructType schema;
        private final boolean includeHeaders;
        private final List<Chunk> chunks = new ArrayList<>();
        private ColumnVector[] columns;
        private int rows;

        ChunkBuilder(boolean includeHeaders) {
            this.includeHeaders = includeHeaders;
            this.schema = schema(includeHeaders);
            reset();
        }

        private void reset() {
            columns = new ColumnVector[schema.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = ColumnVector.allocate(schema.fields()[i].dataType(), 256);
            }
            rows = 0;
        }

        void add(ConsumerRecord<byte[], byte[]> record) {
            appendBytes(columns[0], record.key());
            appendBytes(columns[1], record.value());
            columns[2].appendString(record.topic());
            columns[3].appendInt(record.partition());
            columns[4].appendLong(record.offset());
            columns[5].appendLong(Math.multiplyExact(record.timestamp(), 1000L));
            columns[6].appendInt(record.timestampType().id);
            if (includeHeaders) {
                appendHeaders((ArrayVector) columns[7], record.headers().toArray());
            }
            if (++rows == Chunk.DEFAULT_ROWS) {
                flush();
            }
        }

        private static void appendBytes(ColumnVector v, byte[] bytes) {
            if (bytes == null) {
                v.appendNull();
            } else {
                v.appendObject(bytes);
            }
        }

        private static void appendHeaders(ArrayVector v, Header[] headers) {
            if (headers.length == 0) {
                v.appendNull();
                return;
            }
            StructVector elements = (StructVector) v.elements();
            for (Header h : headers) {
                elements.child(0).appendString(h.key());
                appendBytes(elements.child(1), h.value());
                elements.appendRowFromChildren();
            }
            v.endRow();
        }

        private void flush() {
            if (rows > 0) {
                chunks.add(new Chunk(rows, columns));
                reset();
            }
        }

        List<Chunk> build() {
            flush();
            return List.copyOf(chunks);
        }

        /** The full chunks built so far (a partial one stays), removed from this builder. */
        List<Chunk> takeFull() {
            List<Chunk> full = List.copyOf(chunks);
            chunks.clear();
            return full;
        }
    }

    /** UTF-8 bytes of a string (null stays null). */
    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
