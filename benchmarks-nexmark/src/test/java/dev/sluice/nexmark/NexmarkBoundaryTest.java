package dev.sluice.nexmark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * benchmarks-nexmark stands where a user program and a third-party connector stand (docs/ARCHITECTURE.md): the
 * source reaches the engine through the connector SPI ({@code dev.sluice.spi}, chunks, types) and the queries
 * through the public API, never through plans, expressions, execution, the streaming engine or its state.
 */
class NexmarkBoundaryTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.sluice.nexmark");

    @Test
    void nexmarkUsesOnlyThePublicApiAndTheConnectorSpi() {
        noClasses().that().resideInAPackage("dev.sluice.nexmark..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.plan..", "dev.sluice.expr..",
                        "dev.sluice.analysis..", "dev.sluice.exec..", "dev.sluice.stream..", "dev.sluice.state..",
                        "dev.sluice.checkpoint..", "dev.sluice.connectors..", "dev.sluice.monitor..")
                .check(CLASSES);
    }
}
