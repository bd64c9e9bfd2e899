package dev.sluice.sparkexamples;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The examples' sources as a Spark program: the imports and the session type rewritten to Spark's, the package
 * renamed ({@code spark.examples}) so that both versions live in one JVM, then compiled against the test's class
 * path (Spark 4.1.1, the testkit). {@link #IMPORTS} is the whole port of a case; {@link #RUNNER} lists the only
 * other edits, all in the runner's plumbing (which connectors exist, how a session is stopped), none in a case.
 */
final class SparkPort {
    /** What turns a case's Sluice source into Spark source: imports and the session type, nothing else. */
    static final Map<String, String> IMPORTS = new LinkedHashMap<>();
    /** The runner's Sluice-specific plumbing, with its Spark equivalent. */
    static final Map<String, String> RUNNER = new LinkedHashMap<>();

    static {
        IMPORTS.put("package dev.sluice.examples;", "package spark.examples;");
        IMPORTS.put("import dev.sluice.sql.Sluice;\n", "");
        IMPORTS.put("import dev.sluice.sql.SluiceSession;", "import org.apache.spark.sql.SparkSession;");
        IMPORTS.put("import static dev.sluice.sql.", "import static org.apache.spark.sql.");
        IMPORTS.put("import dev.sluice.sql.", "import org.apache.spark.sql.");
        IMPORTS.put("Sluice.builder()", "SparkSession.builder()");
        IMPORTS.put("SluiceSession", "SparkSession");

        RUNNER.put("import dev.sluice.spi.DataSources;\n", "");
        RUNNER.put("import dev.sluice.spi.DataSources;\n", "");
        // Spark has every format the cases name (socket, kafka, jdbc, files) once its jars are on the class path.
        RUNNER.put("DataSources.streaming(format);", "");
        RUNNER.put("DataSources.batch(format);", "");
        RUNNER.put("} catch (AnalysisException streamingMissing) {", "} catch (RuntimeException streamingMissing) {");
        RUNNER.put("} catch (AnalysisException batchMissing) {", "} catch (RuntimeException batchMissing) {");
        // Spark's getActiveSession() is a scala.Option.
        RUNNER.put("SluiceSession.getActiveSession().ifPresent(SluiceSession::stop);",
                "if (SparkSession.getActiveSession().isDefined()) { SparkSession.getActiveSession().get().stop(); }");
    }

    private SparkPort() {
    }

    /** The Spark version of one example source file. */
    static String port(String source) {
        String out = source;
        for (Map.Entry<String, String> e : RUNNER.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : IMPORTS.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * Ports every source under {@code examples} into {@code work/src}, compiles them into {@code work/classes}
     * and returns a class loader over them (parent: the test's, which holds Spark).
     *
     * @throws IllegalStateException with javac's messages when the port does not compile
     */
    static ClassLoader compile(Path examples, Path work) throws IOException {
        Path src = work.resolve("src/spark/examples");
        Path classes = work.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        List<String> files = new ArrayList<>();
        try (Stream<Path> sources = Files.list(examples.resolve("dev/sluice/examples"))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Path target = src.resolve(file.getFileName());
                Files.writeString(target, port(Files.readString(file)));
                files.add(target.toString());
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-encoding", "UTF-8", "-proc:none", "-nowarn"));
        args.addAll(files);
        StringWriter errors = new StringWriter();
        int code = javac.run(null, null, null, args.toArray(new String[0]));
        if (code != 0) {
            throw new IllegalStateException("the Spark port of the examples does not compile (javac exit " + code
                    + ")" + errors);
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, SparkPort.class.getClassLoader());
    }
}
