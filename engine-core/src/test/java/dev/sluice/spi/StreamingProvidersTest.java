package dev.sluice.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.stream.connector.BuiltinProviders;
import org.junit.jupiter.api.Test;

/** Core's sinks are found without a class-path scan, by short name (any case) and by class name. */
class StreamingProvidersTest {
    @Test
    void builtinSinksAreFoundByShortNameInAnyCase() {
        assertThat(StreamingProviders.find("noop")).isInstanceOf(BuiltinProviders.Noop.class);
        assertThat(StreamingProviders.find("NoOp")).isInstanceOf(BuiltinProviders.Noop.class);
        assertThat(StreamingProviders.find("console")).isInstanceOf(BuiltinProviders.Console.class);
        assertThat(StreamingProviders.find("MEMORY")).isInstanceOf(BuiltinProviders.Memory.class);
    }

    @Test
    void builtinSinksAreFoundByClassName() {
        assertThat(StreamingProviders.find(BuiltinProviders.Noop.class.getName()))
                .isInstanceOf(BuiltinProviders.Noop.class);
        assertThat(StreamingProviders.find(BuiltinProviders.Console.class.getName()))
                .isInstanceOf(BuiltinProviders.Console.class);
    }

    @Test
    void unknownFormatFailsWithDataSourceNotFoundNamingIt() {
        assertThatThrownBy(() -> StreamingProviders.find("no_such_format"))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("DATA_SOURCE_NOT_FOUND"))
                .hasMessageContaining("Failed to find the data source: no_such_format");
    }
}
