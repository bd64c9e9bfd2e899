package dev.sluice.nexmark;

/**
 * The outcome of one query run on either engine: the output's digest and the wall time from {@code start()} to
 * termination. Immutable.
 */
public record QueryRun(ResultDigest digest, double seconds) {
}
