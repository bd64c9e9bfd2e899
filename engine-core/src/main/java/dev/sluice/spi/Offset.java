package dev.sluice.spi;

/**
 * A position in a source's input, serialized as JSON for the offset log ({@code offsets/<batchId>}).
 * Two offsets of one source are equal exactly when their {@link #json()} texts are equal. Implementations
 * are immutable values.
 */
public interface Offset {
    /** The JSON form written to the offset log and shown in progress reports. */
    String json();

    /** An offset held as its JSON text (what the engine reads back from the log). */
    static Offset of(String json) {
        return new SerializedOffset(json);
    }

    /** The plain JSON form of an offset. */
    record SerializedOffset(String json) implements Offset {
        public SerializedOffset {
            java.util.Objects.requireNonNull(json, "json is null");
        }

        @Override
        public String toString() {
            return json;
        }
    }
}
