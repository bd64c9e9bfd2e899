package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code SluiceSession.version()}: the build's project version, as Spark's {@code version()} gives Spark's. */
class SessionVersionTest {
    @Test
    void theVersionIsTheBuildsProjectVersion() {
        String version = SluiceSession.builder().master("local[1]").getOrCreate().version();
        // the build fills the resource from ${project.version}; an unfiltered copy would still say "${...}"
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
