package dev.sluice.all;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * sluice-bom has no parent (so it manages only Sluice's artifacts): its version and its list must follow the
 * reactor's, which this test reads from the poms (run from sluice-all, whose parent folder is the project root).
 */
class BomTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "..").toAbsolutePath().normalize();
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @Test
    void bomVersionIsTheReactorVersion() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("sluice-bom/pom.xml"));
        assertThat(version(bom)).isEqualTo(version(parent));
    }

    @Test
    void bomManagesEveryPublishedModule() throws IOException {
        String bom = Files.readString(ROOT.resolve("sluice-bom/pom.xml"));
        List<String> managed = new ArrayList<>();
        Matcher m = ARTIFACT.matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
        while (m.find()) {
            managed.add(m.group(1));
        }
        assertThat(managed).containsExactlyInAnyOrder("engine-sql-lite", "engine-core", "engine-state",
                "checkpoint-hadoop", "connector-files", "connector-parquet", "connector-kafka", "connector-jdbc", "connector-socket",
                "engine-ui", "sluice-all");
        // and each of them is a module of the build
        for (String module : List.of("engine-sql-lite", "engine-core", "engine-state", "checkpoint-hadoop", "engine-ui",
                "sluice-all")) {
            assertThat(ROOT.resolve(module + "/pom.xml")).exists();
        }
        for (String connector : List.of("files", "parquet", "kafka", "jdbc", "socket")) {
            assertThat(Files.readString(ROOT.resolve("engine-connectors/" + connector + "/pom.xml")))
                    .contains("<artifactId>connector-" + connector + "</artifactId>");
        }
    }

    private static String version(String pom) {
        String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(withoutParent);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
