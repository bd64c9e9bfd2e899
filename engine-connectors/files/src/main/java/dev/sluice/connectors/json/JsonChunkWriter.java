package dev.sluice.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.spi.ValueText;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes rows as JSON Lines with Jackson's streaming generator, straight from the column vectors: one
 * object per row followed by {@code lineSep} ({@code \n}); null fields are omitted unless
 * {@code ignoreNullFields=false}; timestamps and dates use {@link TemporalFormats}, binary is base64,
 * map keys are their text. Field names are serialized once per writer. Not thread-safe.
 */
final class JsonChunkWriter implements ChunkWriter {
    @FunctionalInterface
    private interface ValueWriter {
        void write(JsonGenerator generator, ColumnVector vector, int row) throws IOException;
    }

    private final JsonGenerator generator;
    private final Writer out;
    private final String lineSeparator;
    private final boolean ignoreNullFields;
    private final TemporalFormats temporal;
    private final SerializedString[] names;
    private final ValueWriter[] writers;

    JsonChunkWriter(Writer out, StructType schema, JsonFactory factory, TemporalFormats temporal, String lineSeparator,
            boolean ignoreNullFields) throws IOException {
        this.out = out;
        this.generator = factory.createGenerator(out);
        this.generator.setRootValueSeparator(null);
        this.lineSeparator = lineSeparator;
        this.ignoreNullFields = ignoreNullFields;
        this.temporal = temporal;
        this.names = names(schema);
        this.writers = writers(schema);
    }

    private static SerializedString[] names(StructType struct) {
        SerializedString[] out = new SerializedString[struct.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new SerializedString(struct.apply(i).name());
        }
        return out;
    }

    private ValueWriter[] writers(StructType struct) {
        ValueWriter[] out = new ValueWriter[struct.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = writerFor(struct.apply(i).dataType());
        }
        return out;
    }

    @Override
    public void write(Chunk chunk) throws IOException {
        ColumnVector[] columns = chunk.columns();
        for (int row = 0; row < chunk.rowCount(); row++) {
            writeObject(columns, names, writers, row);
            generator.writeRaw(lineSeparator);
        }
    }

    private void writeObject(ColumnVector[] fields, SerializedString[] fieldNames, ValueWriter[] fieldWriters, int row)
            throws IOException {
        generator.writeStartObject();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].isNull(row)) {
                if (!ignoreNullFields) {
                    generator.writeFieldName(fieldNames[i]);
                    generator.writeNull();
                }
                continue;
            }
            generator.writeFieldName(fieldNames[i]);
            fieldWriters[i].write(generator, fields[i], row);
        }
        generator.writeEndObject();
    }

    private ValueWriter writerFor(DataType type) {
        if (type instanceof StructType struct) {
            SerializedString[] fieldNames = names(struct);
            ValueWriter[] fieldWriters = writers(struct);
            // The children of the last vector seen, so rows of one chunk allocate nothing.
            StructVector[] cachedVector = new StructVector[1];
            ColumnVector[][] cachedChildren = new ColumnVector[1][];
            return (g, v, row) -> {
                StructVector s = (StructVector) v;
                if (s != cachedVector[0]) {
                    ColumnVector[] children = new ColumnVector[s.childCount()];
                    for (int i = 0; i < children.length; i++) {
                        children[i] = s.child(i);
                    }
                    cachedVector[0] = s;
                    cachedChildren[0] = children;
                }
                writeObject(cachedChildren[0], fieldNames, fieldWriters, row);
            };
        }
        if (type instanceof ArrayType array) {
            ValueWriter element = writerFor(array.elementType());
            return (g, v, row) -> {
                ArrayVector a = (ArrayVector) v;
                ColumnVector elements = a.elements();
                g.writeStartArray();
                for (int i = a.offset(row), end = i + a.length(row); i < end; i++) {
                    if (elements.isNull(i)) {
                        g.writeNull();
                    } else {
                        element.write(g, elements, i);
                    }
                }
                g.writeEndArray();
            };
        }
        if (type instanceof MapType map) {
            ValueWriter value = writerFor(map.valueType());
            DataType keyType = map.keyType();
            return (g, v, row) -> {
                MapVector m = (MapVector) v;
                g.writeStartObject();
                for (int i = m.offset(row), end = i + m.length(row); i < end; i++) {
                    g.writeFieldName(keyType instanceof StringType ? m.keys().getString(i)
                            : ValueText.render(m.keys().getObject(i), keyType, temporal.zone()));
                    if (m.values().isNull(i)) {
                        g.writeNull();
                    } else {
                        value.write(g, m.values(), i);
                    }
                }
                g.writeEndObject();
            };
        }
        return scalarWriter(type);
    }

    private ValueWriter scalarWriter(DataType type) {
        if (type instanceof StringType) {
            return (g, v, row) -> g.writeString(v.getString(row));
        }
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            return (g, v, row) -> g.writeNumber(v.getInt(row));
        }
        if (type instanceof LongType) {
            return (g, v, row) -> g.writeNumber(v.getLong(row));
        }
        if (type instanceof DoubleType) {
            return (g, v, row) -> g.writeNumber(v.getDouble(row));
        }
        if (type instanceof FloatType) {
            return (g, v, row) -> g.writeNumber(v.getFloat(row));
        }
        if (type instanceof DecimalType) {
            return (g, v, row) -> g.writeNumber(v.getDecimal(row));
        }
        if (type instanceof BooleanType) {
            return (g, v, row) -> g.writeBoolean(v.getBoolean(row));
        }
        if (type instanceof TimestampType) {
            return (g, v, row) -> g.writeString(temporal.formatTimestamp(v.getLong(row)));
        }
        if (type instanceof dev.sluice.sql.types.TimestampNTZType) {
            return (g, v, row) -> g.writeString(temporal.formatTimestampNtz(v.getLong(row)));
        }
        if (type instanceof DateType) {
            return (g, v, row) -> g.writeString(temporal.formatDate(v.getInt(row)));
        }
        if (type instanceof BinaryType) {
            return (g, v, row) -> g.writeBinary(v.getBinary(row));
        }
        return (g, v, row) -> g.writeString(ValueText.render(v.getObject(row), type, temporal.zone()));
    }

    @Override
    public void close() throws IOException {
        generator.close();
        out.close();
    }
}
