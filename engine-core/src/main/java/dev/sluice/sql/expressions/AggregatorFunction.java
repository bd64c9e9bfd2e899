package dev.sluice.sql.expressions;

import dev.sluice.analysis.JavaValues;
import dev.sluice.expr.aggregate.UserAggregate;
import dev.sluice.sql.Encoder;
import dev.sluice.sql.GenericRow;
import dev.sluice.sql.Row;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Aggregator} seen by the engine (internal API): arguments become the input object through the input
 * encoder (by position: one column for a single-value encoder, the encoder's columns in order for a bean), the
 * buffer is stored as a row of the buffer encoder's schema, the result converted through the output encoder.
 * Immutable and thread-safe.
 */
record AggregatorFunction(Aggregator<Object, Object, Object> aggregator, Encoder<Object> inputEncoder,
                                 String name) implements UserAggregate {
    @SuppressWarnings("unchecked")
    static AggregatorFunction of(Aggregator<?, ?, ?> aggregator, Encoder<?> inputEncoder, String name) {
        return new AggregatorFunction((Aggregator<Object, Object, Object>) aggregator, (Encoder<Object>) inputEncoder,
                name);
    }

    AggregatorFunction withName(String newName) {
        return new AggregatorFunction(aggregator, inputEncoder, newName);
    }

    /** A single-value encoder's schema is one column named {@code value}; a bean or row encoder's is a struct. */
    private static boolean single(Encoder<?> encoder) {
        StructType s = encoder.schema();
        return s.length() == 1 && s.apply(0).name().equals("value") && encoder.clsTag() != Row.class;
    }

    @Override
    public DataType returnType() {
        Encoder<Object> out = aggregator.outputEncoder();
        return single(out) ? out.schema().apply(0).dataType() : out.schema();
    }

    @Override
    public DataType bufferType() {
        return aggregator.bufferEncoder().schema();
    }

    @Override
    public Binding bind(List<DataType> argumentTypes) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < argumentTypes.size(); i++) {
            String fieldName = i < inputEncoder.schema().length() ? inputEncoder.schema().apply(i).name() : "_" + i;
            fields.add(new StructField(fieldName, argumentTypes.get(i), true));
        }
        StructType argumentSchema = new StructType(fields);
        StructType buffer = aggregator.bufferEncoder().schema();
        Encoder<Object> out = aggregator.outputEncoder();
        boolean singleOut = single(out);
        DataType result = returnType();
        return new Binding() {
            @Override
            public Object zero() {
                return aggregator.zero();
            }

            @Override
            public Object reduce(Object b, Object[] arguments) {
                Object[] external = new Object[arguments.length];
                for (int i = 0; i < external.length; i++) {
                    external[i] = JavaValues.toExternal(arguments[i], argumentSchema.apply(i).dataType());
                }
                return aggregator.reduce(b, inputEncoder.fromRow(new GenericRow(external, argumentSchema)));
            }

            @Override
            public Object merge(Object b, Object other) {
                return aggregator.merge(b, other);
            }

            @Override
            public Object finish(Object b) {
                Row row = out.toRow(aggregator.finish(b));
                Object value = singleOut ? (row == null ? null : row.get(0)) : row;
                return JavaValues.toInternal(value, result, ZoneOffset.UTC);
            }

            @Override
            public Object store(Object b) {
                return JavaValues.toInternal(aggregator.bufferEncoder().toRow(b), buffer, ZoneOffset.UTC);
            }

            @Override
            public Object load(Object stored) {
                return aggregator.bufferEncoder().fromRow((Row) JavaValues.toExternal(stored, buffer));
            }
        };
    }
}
