package dev.sluice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package dependency rules of docs/ARCHITECTURE.md: dependencies point one way. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice");
    }

    @Test
    void columnarDataKnowsOnlyTypes() {
        noClasses().that().resideInAPackage("dev.sluice.batch..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.expr..", "dev.sluice.plan..",
                        "dev.sluice.exec..", "dev.sluice.analysis..")
                .check(classes);
    }

    @Test
    void expressionsDoNotKnowPlansOrExecution() {
        noClasses().that().resideInAPackage("dev.sluice.expr..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.plan..", "dev.sluice.exec..",
                        "dev.sluice.analysis..")
                .check(classes);
    }

    @Test
    void plansAndAnalysisDoNotKnowExecution() {
        noClasses().that().resideInAnyPackage("dev.sluice.plan..", "dev.sluice.analysis..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.exec..")
                .check(classes);
    }

    @Test
    void onlyScanRelationStandsBetweenTheEngineAndTheConnectorSpi() {
        // spi's BatchRows runs plans (spi -> exec): exec, analysis and expressions reaching back into spi would close a
        // circle; a scan's pushdown and pruning go through plan.logical.ScanRelation instead
        noClasses().that().resideInAnyPackage("dev.sluice.exec..", "dev.sluice.analysis..", "dev.sluice.expr..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.spi..")
                .check(classes);
    }

    @Test
    void internalsDoNotUseTheApiFacade() {
        noClasses().that().resideInAnyPackage("dev.sluice.batch..", "dev.sluice.expr..", "dev.sluice.plan..",
                        "dev.sluice.exec..", "dev.sluice.analysis..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.sluice.sql.Dataset")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.sluice.sql.SluiceSession")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.sluice.sql.Column")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.sluice.sql.functions")
                .check(classes);
    }

    @Test
    void theStateStoreSpiKnowsNothingOfTheStreamingEngine() {
        // providers (engine-core's and engine-state's RocksDB) see bytes and versions only; what the bytes mean
        // (schemas, key-groups, operator metadata) belongs to dev.sluice.stream.state
        noClasses().that().resideInAPackage("dev.sluice.state..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.stream..", "dev.sluice.exec..",
                        "dev.sluice.plan..", "dev.sluice.analysis..")
                .check(classes);
    }

    @Test
    void parserKnowsNothingOfTheEngine() {
        noClasses().that().resideInAPackage("dev.sluice.sqllite..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.sql..", "dev.sluice.expr..")
                .check(classes);
    }

    @Test
    void monitoringBuildsOnThePublicStreamingApi() {
        // logs, metrics and the UI read listener events and progress; only QueryInternals knows the engine's query
        noClasses().that().resideInAPackage("dev.sluice.monitor..")
                .and().doNotHaveFullyQualifiedName("dev.sluice.monitor.QueryInternals")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.exec..", "dev.sluice.stream..",
                        "dev.sluice.batch..", "dev.sluice.plan..", "dev.sluice.expr..", "dev.sluice.spi..")
                .check(classes);
    }

    @Test
    void theContextIsAFacadeOverTheSessionAndMonitoring() {
        // dev.sluice itself (SluiceContext, ReadProgress...) is public API: it reaches the engine only through the
        // session and the monitoring package
        noClasses().that().resideInAPackage("dev.sluice")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.exec..", "dev.sluice.stream..",
                        "dev.sluice.batch..", "dev.sluice.plan..", "dev.sluice.expr..", "dev.sluice.spi..",
                        "dev.sluice.analysis..", "dev.sluice.state..", "dev.sluice.checkpoint..")
                .check(classes);
    }

    @Test
    void realTimeChecksReadPlansAndTheSpiOnly() {
        // what Trigger.RealTime accepts is decided from the logical plan and the connector SPI, never from
        // execution or state internals (the epoch loop itself lives in dev.sluice.stream)
        noClasses().that().resideInAPackage("dev.sluice.stream.realtime..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.exec..", "dev.sluice.state..",
                        "dev.sluice.checkpoint..", "dev.sluice.stream.state..")
                .check(classes);
    }

}
