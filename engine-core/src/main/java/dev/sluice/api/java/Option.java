package dev.sluice.api.java;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value that may be absent, with the Java-visible members of Scala's {@code scala.Option}, which Spark's Java API
 * returns (e.g. {@code StreamingQuery.exception()}): Spark code ports by changing {@code import scala.Option}.
 * Immutable; safe to share between threads.
 *
 * @param <T> the type of the value
 */
public final class Option<T> {
    private static final Option<?> NONE = new Option<>(null);
    private final T value;

    private Option(T value) {
        this.value = value;
    }

    /** {@code Some(value)}, or {@code None} when {@code value} is null (Scala's {@code Option.apply}). */
    @SuppressWarnings("unchecked")
    public static <T> Option<T> apply(T value) {
        return value == null ? (Option<T>) NONE : new Option<>(value);
    }

    /** The absent value. */
    @SuppressWarnings("unchecked")
    public static <T> Option<T> empty() {
        return (Option<T>) NONE;
    }

    public boolean isDefined() {
        return value != null;
    }

    public boolean isEmpty() {
        return value == null;
    }

    public boolean nonEmpty() {
        return value != null;
    }

    /**
     * The value.
     *
     * @throws NoSuchElementException when absent ({@code None.get}, as Scala)
     */
    public T get() {
        if (value == null) {
            throw new NoSuchElementException("None.get");
        }
        return value;
    }

    /** The value, or {@code other} when absent. */
    public T getOrElse(T other) {
        return value != null ? value : other;
    }

    /** The value, or what {@code other} supplies when absent (Scala's by-name default). */
    public T getOrElse(Supplier<? extends T> other) {
        return value != null ? value : other.get();
    }

    /** The value, or null when absent. */
    public T orNull() {
        return value;
    }

    /** The same as a {@link java.util.Optional}. */
    public Optional<T> toJava() {
        return Optional.ofNullable(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Option<?> other && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    /** {@code Some(value)} or {@code None}, as Scala prints them. */
    @Override
    public String toString() {
        return value == null ? "None" : "Some(" + value + ")";
    }
}
