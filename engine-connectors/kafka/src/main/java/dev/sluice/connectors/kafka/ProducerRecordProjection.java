package dev.sluice.connectors.kafka;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns rows into producer records, Spark's {@code KafkaWriter} rules: column {@code value} (string or
 * binary, required), optional {@code key} (string or binary), {@code topic} (string; the {@code topic}
 * option wins over it), {@code partition} (int; null lets the producer's partitioner choose) and
 * {@code headers} ({@code array<struct<key:string,value:binary>>}). Other columns are ignored. The schema
 * is checked once, when the sink is created. Immutable; {@link #records} may run on any thread.
 */
final class ProducerRecordProjection {
    private final String fixedTopic;
    private final int topicColumn;
    private final int keyColumn;
    private final int valueColumn;
    private final int partitionColumn;
    private final int headersColumn;

    /**
     * @throws AnalysisException when a column has the wrong type, {@code value} is missing, or there is
     *         neither a {@code topic} option nor a {@code topic} column
     */
    ProducerRecordProjection(StructType schema, String fixedTopic) {
        this.fixedTopic = fixedTopic;
        this.topicColumn = column(schema, "topic", "a string", t -> t instanceof StringType);
        this.keyColumn = column(schema, "key", "a string or binary", ProducerRecordProjection::stringOrBinary);
        this.valueColumn = column(schema, "value", "a string or binary", ProducerRecordProjection::stringOrBinary);
        this.partitionColumn = column(schema, "partition", "an int", t -> t instanceof IntegerType);
        this.headersColumn = column(schema, "headers", "array<struct<key:string,value:binary>>",
                ProducerRecordProjection::isHeaders);
        if (valueColumn < 0) {
            throw invalid("Required attribute 'value' not found.");
        }
        if (fixedTopic == null && topicColumn < 0) {
            throw invalid("topic option required when no 'topic' attribute is present. Use the topic option for"
                    + " setting a topic.");
        }
    }

    private static boolean stringOrBinary(DataType t) {
        return t instanceof StringType || t instanceof BinaryType;
    }

    private static boolean isHeaders(DataType t) {
        if (!(t instanceof ArrayType a) || !(a.elementType() instanceof StructType s) || s.size() != 2) {
            return false;
        }
        StructField[] f = s.fields();
        return f[0].name().equalsIgnoreCase("key") && f[0].dataType() instanceof StringType
                && f[1].name().equalsIgnoreCase("value") && f[1].dataType() instanceof BinaryType;
    }

    private static int column(StructType schema, String name, String expected,
                              java.util.function.Predicate<DataType> accepts) {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equalsIgnoreCase(name)) {
                if (!accepts.test(fields[i].dataType())) {
                    throw invalid("Kafka sink column '" + name + "' must be " + expected + ", but it is "
                            + fields[i].dataType().simpleString() + ".");
                }
                return i;
            }
        }
        return -1;
    }

    private static AnalysisException invalid(String message) {
        return new AnalysisException("KAFKA_INVALID_SINK_SCHEMA", message, "42K09");
    }

    /**
     * The records of {@code chunk}, in row order.
     *
     * @throws KafkaConnectorException for a row whose topic is null
     */
    List<ProducerRecord<byte[], byte[]>> records(Chunk chunk) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(chunk.rowCount());
        for (int row = 0; row < chunk.rowCount(); row++) {
            String topic = fixedTopic != null ? fixedTopic : stringAt(chunk.column(topicColumn), row);
            if (topic == null) {
                throw new KafkaConnectorException("KAFKA_NULL_TOPIC_IN_DATA", "null topic present in the data. Use the"
                        + " topic option for setting a topic.", "22004", null);
            }
            Integer partition = partitionColumn < 0 || chunk.column(partitionColumn).isNull(row) ? null
                    : chunk.column(partitionColumn).getInt(row);
            byte[] key = keyColumn < 0 ? null : bytesAt(chunk.column(keyColumn), row);
            byte[] value = bytesAt(chunk.column(valueColumn), row);
            List<Header> headers = headersColumn < 0 ? List.of() : headersAt(chunk.column(headersColumn), row);
            out.add(new ProducerRecord<>(topic, partition, null, key, value, headers));
        }
        return out;
    }

    private static String stringAt(ColumnVector v, int row) {
        return v.isNull(row) ? null : v.getString(row);
    }

    private static byte[] bytesAt(ColumnVector v, int row) {
        if (v.isNull(row)) {
            return null;
        }
        return v.type() instanceof StringType ? v.getString(row).getBytes(StandardCharsets.UTF_8) : v.getBinary(row);
    }

    private static List<Header> headersAt(ColumnVector v, int row) {
        if (v.isNull(row)) {
            return List.of();
        }
        ArrayVector array = (ArrayVector) v;
        StructVector elements = (StructVector) array.elements();
        List<Header> out = new ArrayList<>(array.length(row));
        for (int i = array.offset(row); i < array.offset(row) + array.length(row); i++) {
            if (elements.isNull(i)) {
                continue;
            }
            out.add(new RecordHeader(stringAt(elements.child(0), i), bytesAt(elements.child(1), i)));
        }
        return out;
    }
}
