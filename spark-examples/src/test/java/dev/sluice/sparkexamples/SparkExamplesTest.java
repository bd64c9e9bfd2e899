package dev.sluice.sparkexamples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The way back to Spark, proved on the examples: their sources with Spark's imports ({@link SparkPort}) compile
 * against Spark 4.1.1, and every case prints on Spark {@code local[2]} the text it prints on Sluice, modulo the
 * differences {@link ConsoleText#normalize} names (timing, ports, temporary paths, engine-specific plans and
 * measurements, row order where the query sets none).
 */
class SparkExamplesTest {
    private static ClassLoader spark;

    @BeforeAll
    static void port() throws Exception {
        Path work = Path.of("spark-port");
        spark = SparkPort.compile(Path.of(System.getProperty("examples.sources")), work);
    }

    /** Runs {@code runCases(name, context)} of the runner loaded by {@code loader}, returning what it printed. */
    static String run(ClassLoader loader, String packageName, String name) throws Exception {
        Class<?> runner = loader.loadClass(packageName + ".ExamplesRunner");
        Class<?> contextType = loader.loadClass(packageName + ".ExampleContext");
        Class<?> optionsType = loader.loadClass(packageName + ".ExampleContext$Options");
        Object options = optionsType.getMethod("defaults").invoke(null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Object context = contextType.getConstructor(PrintStream.class, optionsType).newInstance(out, options);
        try {
            Method runCases = runner.getDeclaredMethod("runCases", String.class, contextType);
            runCases.setAccessible(true);
            // Spark prints with Scala's println, whose Console.out is System.out as it was when Scala's Console
            // was first used: point it at this run's stream too (threads started inside inherit it).
            scala.Console$.MODULE$.withOut(out, (scala.Function0<Object>) () -> {
                try {
                    return runCases.invoke(null, name, context);
                } catch (ReflectiveOperationException e) {
                    throw new CaseFailed(e);
                }
            });
        } catch (CaseFailed failed) {
            java.lang.reflect.InvocationTargetException e = (java.lang.reflect.InvocationTargetException) failed.getCause();
            // What the user would see: the error that ended the case (the rest of the case did not run).
            Throwable cause = e.getCause();
            out.println("!! " + cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage()).lines()
                    .findFirst().orElse(""));
        } finally {
            ((AutoCloseable) context).close();
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        Files.writeString(Path.of(packageName + "-" + name + ".out"), text);
        return text;
    }

    /** Carries a case's reflective failure out of the Scala closure. */
    private static final class CaseFailed extends RuntimeException {
        CaseFailed(ReflectiveOperationException cause) {
            super(cause);
        }
    }

    @Test
    void theSparkPortOfACaseChangesOnlyItsImportsAndSessionType() throws Exception {
        Path sources = Path.of(System.getProperty("examples.sources"), "dev/sluice/examples");
        try (var files = Files.list(sources)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().equals("ExamplesRunner.java")).toList()) {
                List<String> original = Files.readAllLines(file);
                List<String> ported = SparkPort.port(Files.readString(file)).lines().toList();
                int o = 0;
                for (String line : ported) {
                    while (o < original.size() && original.get(o).equals("import dev.sluice.sql.Sluice;")) {
                        o++;
                    }
                    String before = original.get(o++);
                    if (!line.equals(before)) {
                        assertThat(before).as(file.getFileName() + ": " + before)
                                .matches("(package|import) .*|.*(Sluice\\.builder\\(\\)|SluiceSession).*");
                    }
                }
            }
        }
    }

    static Stream<String> cases() {
        return Stream.of("word-count", "invoice-files", "kafka-files", "kafka-notifications", "one-reader-two-writers",
                "bizums", "windows", "bolsa-stream", "bolsa-batch", "kafka-join-mariadb", "login-windows",
                "deduplication");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCasePrintsOnSparkWhatItPrintsOnSluice(String name) throws Exception {
        String onSpark = ConsoleText.normalize(run(spark, "spark.examples", name), name);
        String onSluice = ConsoleText.normalize(run(SparkExamplesTest.class.getClassLoader(), "dev.sluice.examples",
                name), name);
        if (name.equals("kafka-join-mariadb")) {
            // Sluice's streaming JDBC sink (an extension, docs/SCALING.md) has no Spark counterpart: Spark's run
            // stops where the case starts it, with Spark's error.
            String upsert = "upsert of ultimoLogin into usuarios (JDBC sink, keys = id):\n";
            assertThat(onSpark).contains(upsert)
                    .endsWith("!! SparkUnsupportedOperationException: Data source jdbc does not support streamed"
                            + " writing.\n");
            onSpark = onSpark.substring(0, onSpark.indexOf(upsert) + upsert.length());
            onSluice = onSluice.substring(0, onSluice.indexOf(upsert) + upsert.length());
        }
        assertThat(onSpark).isEqualTo(onSluice);
    }

    @Test
    void theSparkPortCompiles() {
        assertThat(spark).isNotNull();
    }
}
