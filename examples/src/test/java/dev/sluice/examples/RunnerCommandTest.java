package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: {@code list}, the options of {@code run}, and cases whose connector is missing. */
class RunnerCommandTest {
    @Test
    void listNamesEveryCaseWithItsTutorialCase() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new ExamplesRunner()).execute("list")).isZero();
        } finally {
            System.setOut(previous);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (TutorialCase c : ExamplesRunner.cases()) {
            assertThat(out).contains(c.name()).contains(c.description());
        }
        assertThat(out).contains("Case 1:").contains("Case 8:").contains("Activity 3:").contains("Activity 4:")
                .contains("Activity 7:");
    }

    @Test
    void runOptionsReachTheContextAndThePasswordIsNeverShown() {
        ExamplesRunner.RunCommand run = new ExamplesRunner.RunCommand();
        new CommandLine(run).parseArgs("kafka-join-mariadb", "--kafka", "broker:9092", "--jdbc-url",
                "jdbc:mariadb://db:3306/spark", "--jdbc-user", "iabd", "--jdbc-password", "s3cr3t", "--follow");
        assertThat(run.caseName).isEqualTo("kafka-join-mariadb");
        assertThat(run.kafka).isEqualTo("broker:9092");
        assertThat(run.jdbcUrl).isEqualTo("jdbc:mariadb://db:3306/spark");
        assertThat(run.jdbcUser).isEqualTo("iabd");
        assertThat(run.jdbcPassword).isEqualTo("s3cr3t");
        assertThat(run.follow).isTrue();
        ExampleContext.Options options = new ExampleContext.Options(run.kafka, run.jdbcUrl, run.jdbcUser,
                run.jdbcPassword, run.follow, InputStream.nullInputStream());
        assertThat(options.toString()).contains("iabd").doesNotContain("s3cr3t");
    }

    @Test
    void aCaseWhoseConnectorIsMissingIsSkippedSayingWhich() throws Exception {
        TutorialCase needsNothing = new NamedCase(List.of("json", "console"));
        TutorialCase needsMissing = new NamedCase(List.of("json", "no-such-format"));
        assertThat(ExamplesRunner.missingFormat(needsNothing)).isEmpty();
        assertThat(ExamplesRunner.missingFormat(needsMissing)).contains("no-such-format");
    }

    @Test
    void theUserServersAreUsedInsteadOfEmbeddedOnes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ExampleContext context = new ExampleContext(out, new ExampleContext.Options("127.0.0.1:1",
                "jdbc:mariadb://127.0.0.1:1/spark", "iabd", "s3cr3t", false, InputStream.nullInputStream()))) {
            assertThat(context.kafkaBootstrapServers()).isEqualTo("127.0.0.1:1");
            assertThat(context.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:1/spark");
            assertThat(context.jdbcUser()).isEqualTo("iabd");
            assertThat(context.jdbcPassword()).isEqualTo("s3cr3t");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("embedded");
    }

    private record NamedCase(List<String> requiredFormats) implements TutorialCase {
        @Override
        public String name() {
            return "named";
        }

        @Override
        public String description() {
            return "a case that needs " + requiredFormats;
        }

        @Override
        public void run(ExampleContext context) {
        }
    }
}
