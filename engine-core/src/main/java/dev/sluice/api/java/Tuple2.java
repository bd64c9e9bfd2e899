package dev.sluice.api.java;

import java.io.Serializable;

/**
 * A pair of values, Sluice's stand-in for {@code scala.Tuple2} in the Java API: what
 * {@code Dataset.joinWith} and {@code Encoders.tuple} hand out. It has Scala's Java-visible members
 * ({@code _1()}, {@code _2()}, {@code swap()}, {@code new Tuple2<>(a, b)}, {@code toString()} as
 * {@code (a,b)}), so Spark code using {@code scala.Tuple2} ports by changing the import. Immutable (the
 * values themselves may not be); thread-safe when the values are.
 *
 * @param _1 the first value (may be null: the missing side of an outer {@code joinWith})
 * @param _2 the second value (may be null)
 * @param <T1> the first value's type
 * @param <T2> the second value's type
 */
public record Tuple2<T1, T2>(T1 _1, T2 _2) implements Serializable {
    /** The pair with its values swapped, as Scala's {@code swap}. */
    public Tuple2<T2, T1> swap() {
        return new Tuple2<>(_2, _1);
    }

    /** Scala's form: {@code (a,b)}, null printed as {@code null}. */
    @Override
    public String toString() {
        return "(" + _1 + "," + _2 + ")";
    }
}
