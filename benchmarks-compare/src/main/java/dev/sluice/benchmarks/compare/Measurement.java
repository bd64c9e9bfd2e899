package dev.sluice.benchmarks.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * One number measured on one engine: {@code value} in the workload's unit, plus {@code check}, a summary of
 * what the run computed (row counts, aggregate digests) that must be equal on every engine of the same
 * workload, and free-text {@code detail}. Travels from a forked JVM to the runner as one JSON line. Immutable.
 */
public record Measurement(String engine, Workload workload, double value, String check, String detail) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prefix of the stdout line that carries a measurement out of a forked JVM. */
    static final String LINE_PREFIX = "MEASUREMENT ";

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Measurement fromJson(String json) {
        try {
            return JSON.readValue(json, Measurement.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not a measurement: " + json, e);
        }
    }
}
