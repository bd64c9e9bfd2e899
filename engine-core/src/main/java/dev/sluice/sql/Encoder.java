package dev.sluice.sql;

import dev.sluice.sql.types.StructType;
import java.io.Serializable;

/**
 * Converts between objects of type {@code T} and rows of a fixed schema, as Spark's {@code Encoder}; get
 * one from {@link Encoders}. Typed operations ({@code groupByKey}, {@code mapGroupsWithState}) use it to
 * hand Java objects to user functions and to store their results as rows. Implementations are immutable.
 *
 * @param <T> the object type
 */
public interface Encoder<T> extends Serializable {
    /** The columns of the encoded form. */
    StructType schema();

    /** The class of the objects. */
    Class<T> clsTag();

    /** Encodes {@code value} as a row of {@link #schema()} with external values (internal API). */
    Row toRow(T value);

    /** Decodes a row of {@link #schema()} (internal API). */
    T fromRow(Row row);
}
