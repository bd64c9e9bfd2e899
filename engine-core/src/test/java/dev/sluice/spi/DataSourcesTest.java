package dev.sluice.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.stream.connector.BuiltinProviders;
import org.junit.jupiter.api.Test;

/** Core's sinks are found without a class-path scan, by short name (any case) and by class name. */
class DataSourcesTest {
    @Test
    void builtinSinksAreFoundByShortNameInAnyCase() {
        assertThat(DataSources.streaming("noop")).isInstanceOf(BuiltinProviders.Noop.class);
        assertThat(DataSources.streaming("NoOp")).isInstanceOf(BuiltinProviders.Noop.class);
        assertThat(DataSources.streaming("console")).isInstanceOf(BuiltinProviders.Console.class);
        assertThat(DataSources.streaming("MEMORY")).isInstanceOf(BuiltinProviders.Memory.class);
    }

    @Test
    void builtinSinksAreFoundByClassName() {
        assertThat(DataSources.streaming(BuiltinProviders.Noop.class.getName()))
                .isInstanceOf(BuiltinProviders.Noop.class);
        assertThat(DataSources.streaming(BuiltinProviders.Console.class.getName()))
                .isInstanceOf(BuiltinProviders.Console.class);
    }

    @Test
    void unknownFormatFailsWithDataSourceNotFoundNamingIt() {
        assertThatThrownBy(() -> DataSources.streaming("no_such_format"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"))
                .hasMessageContaining("Failed to find the data source: no_such_format");
    }

    @Test
    void batchAndStreamingShareOneLookupEachSideFindingItsOwnProvider() {
        assertThat(DataSources.batch("NOOP")).isInstanceOf(dev.sluice.stream.connector.NoopBatchFormat.class);
        assertThat(DataSources.streaming("NOOP")).isInstanceOf(BuiltinProviders.Noop.class);
        // a streaming-only format read as a batch: Spark's "not a valid Spark SQL Data Source", naming the class
        assertThatThrownBy(() -> DataSources.batch("console"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_1135"))
                .hasMessage(BuiltinProviders.Console.class.getName()
                        + " is not a valid Spark SQL Data Source.");
        assertThatThrownBy(() -> DataSources.batch("no_such_format"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"));
    }

    @Test
    void aTestProviderOnTheClassPathIsFoundThroughTheOneServiceFile() {
        assertThat(DataSources.streaming("recording")).isInstanceOf(dev.sluice.sql.streaming.RecordingSinkProvider.class);
        // it offers no batch side
        assertThatThrownBy(() -> DataSources.batch("recording")).isInstanceOfSatisfying(AnalysisException.class,
                e -> assertThat(e.getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_1135"));
    }
}
