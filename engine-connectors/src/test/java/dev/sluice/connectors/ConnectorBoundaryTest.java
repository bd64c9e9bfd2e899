package dev.sluice.connectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connectors reach the engine through its SPI (docs/ARCHITECTURE.md): sinks receive chunks through
 * {@code dev.sluice.spi.Sink}, batch writers read rows through {@code dev.sluice.spi.BatchRows}, batch readers
 * hand the engine a {@code dev.sluice.spi.Scan}, and nothing in a connector runs plans or evaluates engine
 * expressions itself.
 */
class ConnectorBoundaryTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice.connectors");
    }

    @Test
    void connectorsUseNoPlansAndNoEngineExpressions() {
        // reads are SPI scans (dev.sluice.spi.Scan), pushdown speaks the public filter model (sql.sources.Filter),
        // text forms of values come through dev.sluice.spi.ValueText
        noClasses().that().resideInAPackage("dev.sluice.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.plan..", "dev.sluice.expr..",
                        "dev.sluice.analysis..")
                .check(classes);
    }

    @Test
    void connectorsDoNotUseTheExecutionLayer() {
        noClasses().that().resideInAPackage("dev.sluice.connectors..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.exec..")
                .check(classes);
    }
}
