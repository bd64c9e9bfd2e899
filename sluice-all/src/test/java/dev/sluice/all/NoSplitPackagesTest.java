package dev.sluice.all;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Java package is split across two Sluice artifacts: each {@code dev.sluice} package lives in exactly one jar, so
 * that the jars work as (automatic) modules on the module path, where a split package fails at start-up. Reads the
 * class path of this module, which holds every product artifact (as jars or, inside the reactor, as class folders).
 */
class NoSplitPackagesTest {
    @Test
    void everySluicePackageLivesInOneArtifact() throws IOException {
        Map<String, Set<String>> artifactsByPackage = new TreeMap<>();
        Set<String> artifacts = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("test-classes") || entry.endsWith("-tests.jar")) {
                continue; // test code may share packages with the code it tests
            }
            Path path = Path.of(entry);
            for (String pkg : sluicePackages(path)) {
                artifactsByPackage.computeIfAbsent(pkg, k -> new TreeSet<>()).add(entry);
                artifacts.add(entry);
            }
        }
        // sql-lite, core, state, files, parquet, kafka, jdbc, socket (testkit too when it is on the class path)
        assertThat(artifacts).hasSizeGreaterThanOrEqualTo(8);
        artifactsByPackage.values().removeIf(owners -> owners.size() == 1);
        assertThat(artifactsByPackage).as("packages found in more than one artifact").isEmpty();
    }

    private static Set<String> sluicePackages(Path entry) throws IOException {
        Set<String> packages = new TreeSet<>();
        if (Files.isDirectory(entry)) {
            Path root = entry.resolve("dev/sluice");
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> packages.add(entry.relativize(f.getParent()).toString().replace(File.separatorChar, '.')));
                }
            }
        } else if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith("dev/sluice/") && name.endsWith(".class")) {
                        packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + entry, e);
            }
        }
        return packages;
    }
}
