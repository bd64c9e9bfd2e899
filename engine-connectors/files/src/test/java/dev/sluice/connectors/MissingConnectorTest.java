package dev.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * connector-files' tests run without connector-parquet/-kafka/-jdbc/-socket on the class path: asking for one of
 * their formats fails with Spark's DATA_SOURCE_NOT_FOUND, which names the artifact to add.
 */
class MissingConnectorTest {
    private static SluiceSession spark;

    @BeforeAll
    static void start() {
        spark = Sluice.builder().master("local[1]").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aStreamingFormatOfAnAbsentArtifactNamesTheArtifact() {
        assertThatThrownBy(() -> spark.readStream().format("kafka").option("subscribe", "t").load())
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"))
                .hasMessageContaining("Failed to find the data source: kafka.")
                .hasMessageContaining("provided by the artifact dev.sluice:connector-kafka");
        assertThatThrownBy(() -> spark.readStream().format("socket").load())
                .hasMessageContaining("dev.sluice:connector-socket");
    }

    @Test
    void aBatchFormatOfAnAbsentArtifactNamesTheArtifact() {
        assertThatThrownBy(() -> spark.read().parquet("/tmp/none"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"))
                .hasMessageContaining("dev.sluice:connector-parquet");
        assertThatThrownBy(() -> spark.read().format("dev.sluice.connectors.jdbc.JdbcRelationProvider").load())
                .hasMessageContaining("dev.sluice:connector-jdbc");
    }

    @Test
    void anUnknownFormatGetsNoArtifactHint() {
        assertThatThrownBy(() -> spark.read().format("avro").load())
                .hasMessageNotContaining("artifact")
                .hasMessageContaining("Failed to find the data source: avro.");
    }

    @Test
    void formatsOfThisArtifactAreFound(@TempDir Path dir) {
        assertThat(spark.read().schema("a INT").json(dir.toString()).schema().fieldNames())
                .containsExactly("a");
    }
}
