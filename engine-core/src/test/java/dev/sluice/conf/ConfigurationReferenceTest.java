package dev.sluice.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md's table of keys is generated from {@link ConfigEntries}: this test fails when the file is
 * stale (regenerate it with {@code SLUICE_UPDATE_DOCS=1 mvn -pl engine-core test -Dtest=ConfigurationReferenceTest}),
 * and when product code reads a {@code "spark.*"} key that is not declared there.
 */
class ConfigurationReferenceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/CONFIGURATION.md");
    static final String BEGIN = "<!-- BEGIN GENERATED from dev.sluice.conf.ConfigEntries: do not edit -->\n";
    static final String END = "<!-- END GENERATED -->\n";
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(spark\\.[A-Za-z0-9_.]+)\"");

    @Test
    void theDocumentedTableIsGeneratedFromTheDeclarations() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("generated-section markers in " + DOC).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = doc.substring(0, begin + BEGIN.length()) + ConfigEntries.markdownTable()
                + doc.substring(end);
        if (System.getenv("SLUICE_UPDATE_DOCS") != null) {
            Files.writeString(DOC, expected);
            return;
        }
        assertThat(doc).as("docs/CONFIGURATION.md is stale: run SLUICE_UPDATE_DOCS=1 mvn -pl engine-core test"
                + " -Dtest=ConfigurationReferenceTest").isEqualTo(expected);
    }

    @Test
    void everyKeyProductCodeReadsIsDeclared() throws IOException {
        Set<String> undeclared = new TreeSet<>();
        int files = 0;
        for (String module : new String[] {"engine-core", "engine-state", "engine-ui", "engine-connectors"}) {
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module))) {
                for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java")
                        && p.toString().contains("/src/main/java/"))::iterator) {
                    files++;
                    Matcher m = KEY_LITERAL.matcher(Files.readString(source));
                    while (m.find()) {
                        String key = m.group(1);
                        // a literal may be a prefix the code appends to (spark.hadoop., ...fileSink.log)
                        boolean declared = ConfigEntries.ALL.stream().anyMatch(e -> e.matches(key)
                                || e.key().startsWith(key.endsWith(".") ? key : key + "."));
                        if (!declared) {
                            undeclared.add(key + " (" + ROOT.relativize(source) + ")");
                        }
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(300);
        assertThat(undeclared).as("keys read by product code but not declared in ConfigEntries").isEmpty();
    }

    @Test
    void keysAreDeclaredOnce() {
        assertThat(ConfigEntries.ALL.stream().map(ConfigEntry::key).distinct().count())
                .isEqualTo(ConfigEntries.ALL.size());
    }
}
