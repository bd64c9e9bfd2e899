package dev.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.file.FileStreamProvider;
import dev.sluice.connectors.kafka.KafkaProvider;
import dev.sluice.connectors.rate.RateStreamProvider;
import dev.sluice.spi.DataSources;
import dev.sluice.sql.AnalysisException;
import dev.sluice.spi.DataSources;
import dev.sluice.stream.connector.BuiltinProviders;
import org.junit.jupiter.api.Test;

/**
 * Connector providers are still found through ServiceLoader, by short name and by class name, now that
 * core's own sinks skip the scan; and a format no provider names still fails with Spark's error.
 */
class ProviderLookupTest {
    @Test
    void streamingConnectorsAreFoundByShortNameAndClassName() {
        assertThat(DataSources.streaming("rate")).isInstanceOf(RateStreamProvider.class);
        assertThat(DataSources.streaming("KAFKA")).isInstanceOf(KafkaProvider.class);
        assertThat(DataSources.streaming("json")).isInstanceOf(FileStreamProvider.Json.class);
        assertThat(DataSources.streaming(RateStreamProvider.class.getName())).isInstanceOf(RateStreamProvider.class);
    }

    @Test
    void builtinSinksStillWinWithConnectorsOnTheClassPath() {
        assertThat(DataSources.streaming("noop")).isInstanceOf(BuiltinProviders.Noop.class);
        assertThat(DataSources.streaming("console")).isInstanceOf(BuiltinProviders.Console.class);
    }

    @Test
    void batchFormatsAreFoundByShortNameAndClassName() {
        assertThat(DataSources.batch("CSV").shortName()).isEqualTo("csv");
        assertThat(DataSources.batch("dev.sluice.connectors.csv.CsvProvider").shortName()).isEqualTo("csv");
    }

    @Test
    void oneNameCanHaveABatchAndAStreamingProvider() {
        assertThat(DataSources.batch("jdbc")).isInstanceOf(dev.sluice.connectors.jdbc.JdbcRelationProvider.class);
        assertThat(DataSources.streaming("jdbc")).isInstanceOf(dev.sluice.connectors.jdbc.JdbcStreamingProvider.class);
        assertThat(DataSources.batch("kafka")).isInstanceOf(dev.sluice.connectors.kafka.KafkaBatchProvider.class);
        assertThat(DataSources.streaming("kafka")).isInstanceOf(KafkaProvider.class);
    }

    @Test
    void unknownFormatFailsWithDataSourceNotFoundNamingIt() {
        assertThatThrownBy(() -> DataSources.streaming("avro"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"))
                .hasMessageContaining("Failed to find the data source: avro.");
        assertThatThrownBy(() -> DataSources.batch("avro"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"))
                .hasMessageContaining("Failed to find the data source: avro.");
    }
}
