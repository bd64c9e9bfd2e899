package dev.sluice.sql.streaming;

import dev.sluice.sql.SluiceSession;
import dev.sluice.stream.BatchHooks;

/** Test access to the package-private fault-injection hooks of the query manager. */
public final class StreamingTestHooks {
    private StreamingTestHooks() {
    }

    /** Hooks for queries started from now on in {@code session}. */
    public static void set(SluiceSession session, BatchHooks hooks) {
        session.streams().setHooks(hooks);
    }
}
