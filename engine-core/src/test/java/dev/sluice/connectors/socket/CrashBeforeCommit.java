package dev.sluice.connectors.socket;

import dev.sluice.stream.BatchHooks;

/**
 * Fault injection for restart tests: fails batch {@code batchId} after the sink took it and its offsets are in
 * the log, before its commit, as a crash at that point would. Shared by the socket and rate tests.
 */
public final class CrashBeforeCommit implements BatchHooks {
    /** The text of the injected failure. */
    public static final String MESSAGE = "injected crash before the commit of batch ";

    private final long batchId;

    public CrashBeforeCommit(long batchId) {
        this.batchId = batchId;
    }

    @Override
    public void beforeCommit(long id) {
        if (id == batchId) {
            throw new IllegalStateException(MESSAGE + id);
        }
    }
}
