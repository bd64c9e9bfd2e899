package dev.sluice.sql.streaming;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The stream-stream join tests (state, eviction, restart, crash recovery) on join state layout version 1 (Spark's:
 * one store entry per buffered row), which checkpoints written before layout version 2 keep; the superclass runs
 * them on version 2, a new query's default.
 */
class StreamStreamJoinLayout1Test extends StreamStreamJoinTest {
    @BeforeEach
    void useLayout1() {
        spark.conf().set("spark.sluice.state.joinLayoutVersion", "1");
    }

    /** The session is shared by the test classes of one JVM: later ones get the default again. */
    @AfterEach
    void defaultLayout() {
        spark.conf().unset("spark.sluice.state.joinLayoutVersion");
    }
}
