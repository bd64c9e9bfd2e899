package dev.sluice.all;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * checkpoint-hadoop (remote checkpoint locations through Hadoop's FileSystem API) plugs into the engine through
 * {@code dev.sluice.spi.CheckpointFileSystemProvider} only: it hands the engine {@code java.nio} paths and knows
 * nothing of the checkpoint format, the state stores or the execution, which stay free to change; and the engine
 * never names a Hadoop class (a local checkpoint must not load Hadoop).
 */
class CheckpointHadoopBoundaryTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.sluice");

    @Test
    void checkpointHadoopReachesTheEngineOnlyThroughTheSpi() {
        assertThat(CLASSES.containPackage("dev.sluice.checkpoint.hadoop")).isTrue();
        noClasses().that().resideInAPackage("dev.sluice.checkpoint.hadoop..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.checkpoint", "dev.sluice.state..",
                        "dev.sluice.stream..", "dev.sluice.exec..", "dev.sluice.plan..", "dev.sluice.sql..")
                .check(CLASSES);
    }

    @Test
    void theEngineNamesNoHadoopClass() {
        noClasses().that().resideInAnyPackage("dev.sluice.checkpoint", "dev.sluice.state..", "dev.sluice.stream..",
                        "dev.sluice.spi..", "dev.sluice.sql..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.hadoop..")
                .check(CLASSES);
    }
}
