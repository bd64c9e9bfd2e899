package dev.sluice.connectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connectors reach the engine through its SPI (docs/ARCHITECTURE.md): sinks receive chunks through
 * {@code dev.sluice.spi.Sink}, batch writers read rows through {@code dev.sluice.spi.BatchRows}, and nothing
 * in a connector runs plans itself.
 */
class ConnectorBoundaryTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice.connectors");
    }

    @Test
    void connectorsUseNoLogicalPlanButTheScanRelationOfTheBatchSpi() {
        // JDBC's pushdown-capable scan is still a logical leaf (issue 14 moves it into the SPI with a filter model)
        noClasses().that().resideInAPackage("dev.sluice.connectors..")
                .should().dependOnClassesThat(DescribedPredicate.describe("logical plans other than ScanRelation",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.sluice.plan")
                                && !c.getName().startsWith("dev.sluice.plan.logical.ScanRelation")))
                .check(classes);
    }

    @Test
    void connectorsDoNotUseTheExecutionLayer() {
        noClasses().that().resideInAPackage("dev.sluice.connectors..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.exec..")
                .check(classes);
    }
}
