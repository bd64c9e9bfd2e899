package dev.sluice.connectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connectors reach the engine through its SPI (docs/ARCHITECTURE.md): sinks receive chunks through
 * {@code dev.sluice.spi.Sink}, batch writers read rows through {@code dev.sluice.spi.BatchRows}, batch readers
 * hand the engine a {@code dev.sluice.spi.Scan}, and nothing in a connector runs plans or evaluates engine
 * expressions itself. It runs in sluice-all, whose class path holds every connector artifact, so the
 * rules cover each of them (checked first: a new connector family must appear here).
 */
class ConnectorBoundaryTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice.connectors");
    }

    @Test
    void everyConnectorArtifactIsCovered() {
        Set<String> families = new TreeSet<>();
        for (JavaClass c : classes) {
            families.add(c.getPackageName().replaceFirst("^dev\\.sluice\\.connectors\\.", "").split("\\.")[0]);
        }
        // connector-files (file, text, csv, json), connector-parquet, -kafka, -jdbc, -socket, and core's rate + support
        assertThat(families).containsExactlyInAnyOrder("file", "text", "csv", "json", "parquet", "kafka", "jdbc",
                "socket", "rate", "support");
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

    @Test
    void connectorsReachCheckpointFilesAndReadProgressOnlyThroughTheSpi() {
        // their own logs use spi.ConnectorCheckpoints, read progress spi.ReadTracker: the checkpoint, monitor and
        // state packages stay the engine's to change (core's rate source still takes the query clock from stream)
        noClasses().that().resideInAPackage("dev.sluice.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.checkpoint..", "dev.sluice.monitor..",
                        "dev.sluice.state..")
                .check(classes);
    }

    @Test
    void connectorFamiliesStayIndependentOfEachOther() {
        // only connector-parquet builds on connector-files; core's rate and support know no connector artifact
        noClasses().that().resideInAnyPackage("dev.sluice.connectors.kafka..", "dev.sluice.connectors.jdbc..",
                        "dev.sluice.connectors.socket..", "dev.sluice.connectors.rate..", "dev.sluice.connectors.support..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.connectors.file..",
                        "dev.sluice.connectors.text..", "dev.sluice.connectors.csv..", "dev.sluice.connectors.json..",
                        "dev.sluice.connectors.parquet..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.sluice.connectors.file..", "dev.sluice.connectors.text..",
                        "dev.sluice.connectors.csv..", "dev.sluice.connectors.json..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.connectors.parquet..",
                        "dev.sluice.connectors.kafka..", "dev.sluice.connectors.jdbc..", "dev.sluice.connectors.socket..")
                .check(classes);
    }
}
