package dev.sluice.benchmarks.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * One Nexmark run of one query on one engine, as a forked JVM reports it to {@link NexmarkRunner} (one JSON line
 * after {@link #LINE_PREFIX}): throughput runs carry events, wall and CPU seconds and the output's digest
 * ({@code check}); latency runs carry p50/p99 in milliseconds. Immutable.
 *
 * @param mode       {@code throughput}, or {@code latency-realtime} / {@code latency-microbatch} (the trigger)
 * @param cpuSeconds the JVM's CPU time (all threads: engine, JIT, GC) during the run
 * @param p50Millis  latency runs: the median event→output latency; throughput runs: 0
 * @param p99Millis  latency runs: the 99th percentile
 */
public record NexmarkResult(String engine, String query, String mode, long events, double seconds, double cpuSeconds,
                            String check, double p50Millis, double p99Millis, String detail) {
    static final String LINE_PREFIX = "NEXMARK ";
    private static final ObjectMapper JSON = new ObjectMapper();

    double eventsPerSecond() {
        return events / seconds;
    }

    double eventsPerCpuSecond() {
        return cpuSeconds > 0 ? events / cpuSeconds : 0;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NexmarkResult fromJson(String json) {
        try {
            return JSON.readValue(json, NexmarkResult.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not a Nexmark result: " + json, e);
        }
    }
}
