package dev.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.file.FileStreamProvider;
import dev.sluice.connectors.kafka.KafkaProvider;
import dev.sluice.connectors.rate.RateStreamProvider;
import dev.sluice.spi.StreamingProviders;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.sources.BatchFormats;
import dev.sluice.stream.connector.BuiltinProviders;
import org.junit.jupiter.api.Test;

/**
 * Connector providers are still found through ServiceLoader, by short name and by class name, now that
 * core's own sinks skip the scan; and a format no provider names still fails with Spark's error.
 */
class ProviderLookupTest {
    @Test
    void streamingConnectorsAreFoundByShortNameAndClassName() {
        assertThat(StreamingProviders.find("rate")).isInstanceOf(RateStreamProvider.class);
        assertThat(StreamingProviders.find("KAFKA")).isInstanceOf(KafkaProvider.class);
        assertThat(StreamingProviders.find("json")).isInstanceOf(FileStreamProvider.Json.class);
        assertThat(StreamingProviders.find(RateStreamProvider.class.getName())).isInstanceOf(RateStreamProvider.class);
    }

    @Test
    void builtinSinksStillWinWithConnectorsOnTheClassPath() {
        assertThat(StreamingProviders.find("noop")).isInstanceOf(BuiltinProviders.Noop.class);
        assertThat(StreamingProviders.find("console")).isInstanceOf(BuiltinProviders.Console.class);
    }

    @Test
    void batchFormatsAreFoundByShortNameAndClassName() {
        assertThat(BatchFormats.lookup("CSV").shortName()).isEqualTo("csv");
        assertThat(BatchFormats.lookup("dev.sluice.connectors.csv.CsvProvider").shortName()).isEqualTo("csv");
    }

    @Test
    void unknownFormatFailsWithDataSourceNotFoundNamingIt() {
        assertThatThrownBy(() -> StreamingProviders.find("avro"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"))
                .hasMessageContaining("Failed to find the data source: avro.");
        assertThatThrownBy(() -> BatchFormats.lookup("avro"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"))
                .hasMessageContaining("Failed to find the data source: avro.");
    }
}
