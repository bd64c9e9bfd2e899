package dev.sluice.state;

/** One state entry. The arrays belong to the caller once returned. */
public record KeyValue(byte[] key, byte[] value) {
}
